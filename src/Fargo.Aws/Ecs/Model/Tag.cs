using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Tag
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}
