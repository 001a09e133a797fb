using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.ApplicationAutoScaling;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class ApplicationAutoScalingCases
{
    private const string ResourceId = "service/fargo-prod/todo-api";
    private const string Dimension = "ecs:service:DesiredCount";
    private const string PolicyArn =
        "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:6d8972f3-efc8-437c-bf9b-a0e3c2b5e1d4:resource/ecs/service/fargo-prod/todo-api:policyName/CpuScaling";

    private static ApplicationAutoScalingJsonContext Ctx => ApplicationAutoScalingJsonContext.Default;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("RegisterScalableTarget",
            new RegisterScalableTargetRequest
            {
                ServiceNamespace = ServiceNamespace.Ecs,
                ResourceId = ResourceId,
                ScalableDimension = ScalableDimension.EcsServiceDesiredCount,
                MinCapacity = 2,
                MaxCapacity = 10,
                SuspendedState = new SuspendedState { DynamicScalingInSuspended = true },
            },
            Ctx.RegisterScalableTargetRequest, Ctx.RegisterScalableTargetResponse, (c, r, ct) => c.RegisterScalableTargetAsync(r, ct),
            "{}", // AWS answers ScalableTargetARN too, but the CLI here (2.9) predates that member and would drop it.
            ["--service-namespace", "ecs", "--resource-id", ResourceId, "--scalable-dimension", Dimension, "--min-capacity", "2", "--max-capacity", "10",
             "--suspended-state", "DynamicScalingInSuspended=true"]);

        yield return Case("PutScalingPolicy",
            new PutScalingPolicyRequest
            {
                PolicyName = "CpuScaling",
                ServiceNamespace = ServiceNamespace.Ecs,
                ResourceId = ResourceId,
                ScalableDimension = ScalableDimension.EcsServiceDesiredCount,
                PolicyType = PolicyType.TargetTrackingScaling,
                TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
                {
                    TargetValue = 62.5,
                    PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = MetricType.ECSServiceAverageCPUUtilization },
                    ScaleOutCooldown = 60,
                    ScaleInCooldown = 120,
                    DisableScaleIn = false,
                },
            },
            Ctx.PutScalingPolicyRequest, Ctx.PutScalingPolicyResponse, (c, r, ct) => c.PutScalingPolicyAsync(r, ct),
            $$"""
            {"PolicyARN":"{{PolicyArn}}","Alarms":[
              {"AlarmName":"TargetTracking-service/fargo-prod/todo-api-AlarmHigh-d4f0770c-b46e-434a-a60f-3b36d653feca",
               "AlarmARN":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:TargetTracking-service/fargo-prod/todo-api-AlarmHigh-d4f0770c-b46e-434a-a60f-3b36d653feca"}]}
            """);

        // The Describe operations are paginated: canned answers have no NextToken, or the CLI would ask for the next page.
        yield return Case("DescribeScalableTargets",
            new DescribeScalableTargetsRequest { ServiceNamespace = ServiceNamespace.Ecs, ResourceIds = [ResourceId], ScalableDimension = ScalableDimension.EcsServiceDesiredCount },
            Ctx.DescribeScalableTargetsRequest, Ctx.DescribeScalableTargetsResponse, (c, r, ct) => c.DescribeScalableTargetsAsync(r, ct),
            $$"""
            {"ScalableTargets":[{"ServiceNamespace":"ecs","ResourceId":"{{ResourceId}}","ScalableDimension":"{{Dimension}}","MinCapacity":2,"MaxCapacity":10,
              "RoleARN":"arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
              "CreationTime":1714558830.123,
              "SuspendedState":{"DynamicScalingInSuspended":false,"DynamicScalingOutSuspended":false,"ScheduledScalingSuspended":false} }]}
            """,
            ["--service-namespace", "ecs", "--resource-ids", ResourceId, "--scalable-dimension", Dimension]);

        yield return Case("DescribeScalingPolicies",
            new DescribeScalingPoliciesRequest { ServiceNamespace = ServiceNamespace.Ecs, ResourceId = ResourceId, PolicyNames = ["CpuScaling"] },
            Ctx.DescribeScalingPoliciesRequest, Ctx.DescribeScalingPoliciesResponse, (c, r, ct) => c.DescribeScalingPoliciesAsync(r, ct),
            $$"""
            {"ScalingPolicies":[{"PolicyARN":"{{PolicyArn}}","PolicyName":"CpuScaling","ServiceNamespace":"ecs","ResourceId":"{{ResourceId}}",
              "ScalableDimension":"{{Dimension}}","PolicyType":"TargetTrackingScaling",
              "TargetTrackingScalingPolicyConfiguration":{"TargetValue":62.5,
                "PredefinedMetricSpecification":{"PredefinedMetricType":"ALBRequestCountPerTarget",
                  "ResourceLabel":"app/fargo-prod/50dc6c495c0c9188/targetgroup/todo-api/6d0ecf831eec9f09"},
                "ScaleOutCooldown":60,"ScaleInCooldown":120 },
              "Alarms":[{"AlarmName":"TargetTracking-service/fargo-prod/todo-api-AlarmLow-1b437334-d19b-4a63-a812-6c67aaf2910d",
                "AlarmARN":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:TargetTracking-service/fargo-prod/todo-api-AlarmLow-1b437334-d19b-4a63-a812-6c67aaf2910d"}],
              "CreationTime":1714558830.5}]}
            """,
            ["--service-namespace", "ecs", "--resource-id", ResourceId, "--policy-names", "CpuScaling"]);

        yield return Case("DescribeScalingActivities",
            new DescribeScalingActivitiesRequest { ServiceNamespace = ServiceNamespace.Ecs, ResourceId = ResourceId, IncludeNotScaledActivities = true },
            Ctx.DescribeScalingActivitiesRequest, Ctx.DescribeScalingActivitiesResponse, (c, r, ct) => c.DescribeScalingActivitiesAsync(r, ct),
            $$"""
            {"ScalingActivities":[{"ActivityId":"e6c5f7d1-dbbb-4a3f-89b2-51f33e766399","ServiceNamespace":"ecs","ResourceId":"{{ResourceId}}",
              "ScalableDimension":"{{Dimension}}","Description":"Setting desired count to 3.",
              "Cause":"monitor alarm TargetTracking-service/fargo-prod/todo-api-AlarmHigh-d4f0770c-b46e-434a-a60f-3b36d653feca in state ALARM triggered policy CpuScaling",
              "StartTime":1462575838.171,"EndTime":1462575872.111,"StatusCode":"Successful",
              "StatusMessage":"Successfully set desired count to 3. Change successfully fulfilled by ecs.",
              "NotScaledReasons":[{"Code":"AlreadyAtMaxCapacity","MaxCapacity":10,"CurrentCapacity":10}]}]}
            """,
            ["--service-namespace", "ecs", "--resource-id", ResourceId, "--include-not-scaled-activities"]);

        yield return Case("DeleteScalingPolicy",
            new DeleteScalingPolicyRequest { PolicyName = "CpuScaling", ServiceNamespace = ServiceNamespace.Ecs, ResourceId = ResourceId, ScalableDimension = ScalableDimension.EcsServiceDesiredCount },
            Ctx.DeleteScalingPolicyRequest, Ctx.DeleteScalingPolicyResponse, (c, r, ct) => c.DeleteScalingPolicyAsync(r, ct),
            "{}",
            ["--policy-name", "CpuScaling", "--service-namespace", "ecs", "--resource-id", ResourceId, "--scalable-dimension", Dimension]);

        yield return Case("DeregisterScalableTarget",
            new DeregisterScalableTargetRequest { ServiceNamespace = ServiceNamespace.Ecs, ResourceId = ResourceId, ScalableDimension = ScalableDimension.EcsServiceDesiredCount },
            Ctx.DeregisterScalableTargetRequest, Ctx.DeregisterScalableTargetResponse, (c, r, ct) => c.DeregisterScalableTargetAsync(r, ct),
            "{}",
            ["--service-namespace", "ecs", "--resource-id", ResourceId, "--scalable-dimension", Dimension]);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<ApplicationAutoScalingClient, TRequest, CancellationToken, Task<TResponse>> call,
        string responseBody,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.ApplicationAutoScaling, "application-autoscaling", operation, request, requestType, responseType,
            (http, r, ct) => call(new ApplicationAutoScalingClient(http), r, ct), Canned.Json(responseBody), cliArguments);
}
