using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record DescribeScalingActivitiesResponse
{
    public IReadOnlyList<ScalingActivity>? ScalingActivities { get; init; }

    public string? NextToken { get; init; }
}
