using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record Tag
{
    public required string Key { get; init; }

    public required string Value { get; init; }
}
