using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListTasksRequest
{
    public string? Cluster { get; init; }

    public string? ContainerInstance { get; init; }

    public string? Family { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public string? StartedBy { get; init; }

    public string? ServiceName { get; init; }

    public DesiredStatus? DesiredStatus { get; init; }

    public LaunchType? LaunchType { get; init; }
}
