using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeTasksRequest
{
    public string? Cluster { get; init; }

    public required IReadOnlyList<string> Tasks { get; init; }

    public IReadOnlyList<TaskField>? Include { get; init; }
}
