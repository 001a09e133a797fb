using Fargo.Aws;
using Fargo.Aws.ApplicationAutoScaling;
using Fargo.Local.Api;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>Application Auto Scaling's operations on the wire (JSON 1.1), served by the <see cref="ScalingService"/>.</summary>
internal static class ApplicationAutoScalingApi
{
    public static JsonOperationTable Create(ScalingService scaling)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        var json = ApplicationAutoScalingJsonContext.Default;
        return new JsonOperationTable(AwsServices.ApplicationAutoScaling)
            .Add("RegisterScalableTarget", json.RegisterScalableTargetRequest, json.RegisterScalableTargetResponse, request =>
                new RegisterScalableTargetResponse { ScalableTargetARN = scaling.Register(request).ScalableTargetARN })
            .Add("DeregisterScalableTarget", json.DeregisterScalableTargetRequest, json.DeregisterScalableTargetResponse, request =>
            {
                scaling.Deregister(request);
                return new DeregisterScalableTargetResponse();
            })
            .Add("PutScalingPolicy", json.PutScalingPolicyRequest, json.PutScalingPolicyResponse, request =>
            {
                var policy = scaling.PutPolicy(request);
                return new PutScalingPolicyResponse { PolicyARN = policy.PolicyARN, Alarms = policy.Alarms };
            })
            .Add("DeleteScalingPolicy", json.DeleteScalingPolicyRequest, json.DeleteScalingPolicyResponse, request =>
            {
                scaling.DeletePolicy(request);
                return new DeleteScalingPolicyResponse();
            })
            .Add("DescribeScalableTargets", json.DescribeScalableTargetsRequest, json.DescribeScalableTargetsResponse, request =>
            {
                var (targets, next) = scaling.DescribeTargets(request);
                return new DescribeScalableTargetsResponse { ScalableTargets = targets, NextToken = next };
            })
            .Add("DescribeScalingPolicies", json.DescribeScalingPoliciesRequest, json.DescribeScalingPoliciesResponse, request =>
            {
                var (policies, next) = scaling.DescribePolicies(request);
                return new DescribeScalingPoliciesResponse { ScalingPolicies = policies, NextToken = next };
            })
            .Add("DescribeScalingActivities", json.DescribeScalingActivitiesRequest, json.DescribeScalingActivitiesResponse, request =>
            {
                var (activities, next) = scaling.DescribeActivities(request);
                return new DescribeScalingActivitiesResponse { ScalingActivities = activities, NextToken = next };
            });
    }
}
