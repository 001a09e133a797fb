using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeTasksResponse
{
    public IReadOnlyList<EcsTask>? Tasks { get; init; }

    public IReadOnlyList<Failure>? Failures { get; init; }
}
