using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record KeyValuePair
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}
