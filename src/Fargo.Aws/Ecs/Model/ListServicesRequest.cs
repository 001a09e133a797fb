using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListServicesRequest
{
    public string? Cluster { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public LaunchType? LaunchType { get; init; }

    public SchedulingStrategy? SchedulingStrategy { get; init; }
}
