using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record RunTaskResponse
{
    public IReadOnlyList<EcsTask>? Tasks { get; init; }

    public IReadOnlyList<Failure>? Failures { get; init; }
}
