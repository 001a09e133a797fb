using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record ListSecretsResponse
{
    public IReadOnlyList<SecretListEntry>? SecretList { get; init; }

    public string? NextToken { get; init; }
}
