using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record PlacementConstraint
{
    public PlacementConstraintType? Type { get; init; }

    public string? Expression { get; init; }
}
