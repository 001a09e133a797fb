using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Scale
{
    public double Value { get; init; }

    public ScaleUnit? Unit { get; init; }
}
