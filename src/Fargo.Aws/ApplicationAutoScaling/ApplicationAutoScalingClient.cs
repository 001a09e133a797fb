using Fargo.Aws.Http;
using Fargo.Aws.Protocols;

namespace Fargo.Aws.ApplicationAutoScaling;

/// <summary>Application Auto Scaling: the operations Fargo uses, one method each.</summary>
public sealed class ApplicationAutoScalingClient(AwsJsonProtocolClient protocol)
{
    private readonly AwsJsonProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public ApplicationAutoScalingClient(AwsHttpClient http)
        : this(new AwsJsonProtocolClient(http))
    {
    }

    public Task<RegisterScalableTargetResponse> RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "RegisterScalableTarget", request, ApplicationAutoScalingJsonContext.Default.RegisterScalableTargetRequest, ApplicationAutoScalingJsonContext.Default.RegisterScalableTargetResponse, cancellationToken);

    public Task<PutScalingPolicyResponse> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "PutScalingPolicy", request, ApplicationAutoScalingJsonContext.Default.PutScalingPolicyRequest, ApplicationAutoScalingJsonContext.Default.PutScalingPolicyResponse, cancellationToken);

    public Task<DescribeScalableTargetsResponse> DescribeScalableTargetsAsync(DescribeScalableTargetsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "DescribeScalableTargets", request, ApplicationAutoScalingJsonContext.Default.DescribeScalableTargetsRequest, ApplicationAutoScalingJsonContext.Default.DescribeScalableTargetsResponse, cancellationToken);

    public Task<DescribeScalingPoliciesResponse> DescribeScalingPoliciesAsync(DescribeScalingPoliciesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "DescribeScalingPolicies", request, ApplicationAutoScalingJsonContext.Default.DescribeScalingPoliciesRequest, ApplicationAutoScalingJsonContext.Default.DescribeScalingPoliciesResponse, cancellationToken);

    public Task<DescribeScalingActivitiesResponse> DescribeScalingActivitiesAsync(DescribeScalingActivitiesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "DescribeScalingActivities", request, ApplicationAutoScalingJsonContext.Default.DescribeScalingActivitiesRequest, ApplicationAutoScalingJsonContext.Default.DescribeScalingActivitiesResponse, cancellationToken);

    public Task<DeregisterScalableTargetResponse> DeregisterScalableTargetAsync(DeregisterScalableTargetRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "DeregisterScalableTarget", request, ApplicationAutoScalingJsonContext.Default.DeregisterScalableTargetRequest, ApplicationAutoScalingJsonContext.Default.DeregisterScalableTargetResponse, cancellationToken);

    public Task<DeleteScalingPolicyResponse> DeleteScalingPolicyAsync(DeleteScalingPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.ApplicationAutoScaling, "DeleteScalingPolicy", request, ApplicationAutoScalingJsonContext.Default.DeleteScalingPolicyRequest, ApplicationAutoScalingJsonContext.Default.DeleteScalingPolicyResponse, cancellationToken);
}
