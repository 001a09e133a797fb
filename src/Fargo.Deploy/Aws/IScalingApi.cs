using Fargo.Aws.ApplicationAutoScaling;

namespace Fargo.Deploy.Aws;

/// <summary>The Application Auto Scaling operations `fargo status` reads: the service's scalable target, its policies and activities.</summary>
public interface IScalingApi
{
    Task<DescribeScalableTargetsResponse> DescribeScalableTargetsAsync(DescribeScalableTargetsRequest request, CancellationToken cancellationToken);

    Task<DescribeScalingPoliciesResponse> DescribeScalingPoliciesAsync(DescribeScalingPoliciesRequest request, CancellationToken cancellationToken);

    Task<DescribeScalingActivitiesResponse> DescribeScalingActivitiesAsync(DescribeScalingActivitiesRequest request, CancellationToken cancellationToken);
}
