using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record Tag
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}
