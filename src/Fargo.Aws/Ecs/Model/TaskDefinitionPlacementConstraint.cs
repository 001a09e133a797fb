using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TaskDefinitionPlacementConstraint
{
    public TaskDefinitionPlacementConstraintType? Type { get; init; }

    public string? Expression { get; init; }
}
