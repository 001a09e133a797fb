using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeTaskDefinitionResponse
{
    public TaskDefinition? TaskDefinition { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}
