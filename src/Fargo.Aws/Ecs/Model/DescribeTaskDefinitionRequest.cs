using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeTaskDefinitionRequest
{
    public required string TaskDefinition { get; init; }

    public IReadOnlyList<TaskDefinitionField>? Include { get; init; }
}
