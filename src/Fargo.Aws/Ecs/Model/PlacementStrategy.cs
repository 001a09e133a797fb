using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record PlacementStrategy
{
    public PlacementStrategyType? Type { get; init; }

    public string? Field { get; init; }
}
