using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record GetRandomPasswordResponse
{
    public string? RandomPassword { get; init; }
}
