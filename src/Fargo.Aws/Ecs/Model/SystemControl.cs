using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record SystemControl
{
    public string? Namespace { get; init; }

    public string? Value { get; init; }
}
