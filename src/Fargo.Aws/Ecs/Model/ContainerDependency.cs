using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ContainerDependency
{
    public required string ContainerName { get; init; }

    public required ContainerCondition Condition { get; init; }
}
