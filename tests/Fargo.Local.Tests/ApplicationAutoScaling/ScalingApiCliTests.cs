using System.Text.Json;
using Fargo.Aws.Ecs;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.ApplicationAutoScaling;

/// <summary>
/// The local Application Auto Scaling driven by the official AWS CLI: a scalable target over an ECS service, its
/// min/max applied to the desired count at once (with AWS's activity texts), a target tracking policy with its two
/// alarms, AWS's errors for a missing service, target or policy, and the refusals of what the local region does not run.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ScalingApiCliTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string ResourceId = "service/test/scaled";

    [Fact]
    public async Task A_scalable_target_brings_the_desired_count_into_its_range_and_keeps_its_policies_until_deregistered()
    {
        await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("scaled", engine.TestServiceImage, "v1", "/test/scaled"));
        await engine.Ecs.CreateServiceAsync(new CreateServiceRequest { Cluster = "test", ServiceName = "scaled", TaskDefinition = "scaled", DesiredCount = 1 });

        await Aws("register-scalable-target", "--service-namespace", "ecs", "--resource-id", ResourceId,
            "--scalable-dimension", "ecs:service:DesiredCount", "--min-capacity", "2", "--max-capacity", "4");

        Assert.Equal(2, await DesiredCountAsync());
        var raised = Assert.Single(await ActivitiesAsync());
        Assert.Equal(("Setting desired count to 2.", "minimum capacity was set to 2", "Successful"),
            (Text(raised, "Description"), Text(raised, "Cause"), Text(raised, "StatusCode")));
        Assert.Equal("Successfully set desired count to 2. Change successfully fulfilled by ecs.", Text(raised, "StatusMessage"));
        var target = Assert.Single((await Aws("describe-scalable-targets", "--service-namespace", "ecs")).GetProperty("ScalableTargets").EnumerateArray());
        Assert.Equal((ResourceId, 2, 4), (Text(target, "ResourceId"), target.GetProperty("MinCapacity").GetInt32(), target.GetProperty("MaxCapacity").GetInt32()));
        Assert.Equal(
            "arn:aws:iam::000000000000:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
            Text(target, "RoleARN"));

        var put = await Aws("put-scaling-policy", "--policy-name", "memory", "--service-namespace", "ecs", "--resource-id", ResourceId,
            "--scalable-dimension", "ecs:service:DesiredCount", "--policy-type", "TargetTrackingScaling",
            "--target-tracking-scaling-policy-configuration",
            """{"TargetValue":90,"PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageMemoryUtilization"},"DisableScaleIn":true}""");

        Assert.Matches(@"^arn:aws:autoscaling:local:000000000000:scalingPolicy:[0-9a-f-]{36}:resource/ecs/service/test/scaled:policyName/memory$", Text(put, "PolicyARN"));
        var alarms = put.GetProperty("Alarms").EnumerateArray().Select(a => Text(a, "AlarmName")).ToList();
        Assert.Collection(alarms,
            high => Assert.Matches(@"^TargetTracking-service/test/scaled-AlarmHigh-[0-9a-f-]{36}$", high),
            low => Assert.Matches(@"^TargetTracking-service/test/scaled-AlarmLow-[0-9a-f-]{36}$", low));
        var policy = Assert.Single((await Aws("describe-scaling-policies", "--service-namespace", "ecs", "--resource-id", ResourceId))
            .GetProperty("ScalingPolicies").EnumerateArray());
        Assert.Equal(("memory", "TargetTrackingScaling"), (Text(policy, "PolicyName"), Text(policy, "PolicyType")));
        var configuration = policy.GetProperty("TargetTrackingScalingPolicyConfiguration");
        Assert.Equal(90, configuration.GetProperty("TargetValue").GetDouble());
        Assert.True(configuration.GetProperty("DisableScaleIn").GetBoolean());

        await Aws("register-scalable-target", "--service-namespace", "ecs", "--resource-id", ResourceId,
            "--scalable-dimension", "ecs:service:DesiredCount", "--min-capacity", "1", "--max-capacity", "1");

        Assert.Equal(1, await DesiredCountAsync());
        var lowered = (await ActivitiesAsync())[0];
        Assert.Equal(("Setting desired count to 1.", "maximum capacity was set to 1"), (Text(lowered, "Description"), Text(lowered, "Cause")));

        await Aws("delete-scaling-policy", "--policy-name", "memory", "--service-namespace", "ecs", "--resource-id", ResourceId, "--scalable-dimension", "ecs:service:DesiredCount");
        var again = await engine.AwsAsync("application-autoscaling", "delete-scaling-policy", "--policy-name", "memory", "--service-namespace", "ecs",
            "--resource-id", ResourceId, "--scalable-dimension", "ecs:service:DesiredCount");
        ErrorContains(again, "(ObjectNotFoundException)");
        ErrorContains(again, "): No scaling policy found for service namespace: ecs, resource ID: service/test/scaled, scalable dimension: ecs:service:DesiredCount, policy name: memory");

        await Aws("deregister-scalable-target", "--service-namespace", "ecs", "--resource-id", ResourceId, "--scalable-dimension", "ecs:service:DesiredCount");

        Assert.Empty((await Aws("describe-scalable-targets", "--service-namespace", "ecs", "--resource-ids", ResourceId)).GetProperty("ScalableTargets").EnumerateArray());
        var gone = await engine.AwsAsync("application-autoscaling", "deregister-scalable-target", "--service-namespace", "ecs", "--resource-id", ResourceId,
            "--scalable-dimension", "ecs:service:DesiredCount");
        ErrorContains(gone, "(ObjectNotFoundException)");
        ErrorContains(gone, "): No scalable target found for service namespace: ecs, resource ID: service/test/scaled, scalable dimension: ecs:service:DesiredCount");
        Assert.Equal(1, await DesiredCountAsync());
    }

    [Fact]
    public async Task Errors_are_AWSs_and_what_the_local_region_does_not_run_is_refused_by_name()
    {
        var missingService = await engine.AwsAsync("application-autoscaling", "register-scalable-target", "--service-namespace", "ecs",
            "--resource-id", "service/test/nope", "--scalable-dimension", "ecs:service:DesiredCount", "--min-capacity", "1", "--max-capacity", "2");
        ErrorContains(missingService, "(ValidationException)");
        ErrorContains(missingService, "): ECS service doesn't exist: service/test/nope");

        var unregistered = await engine.AwsAsync("application-autoscaling", "put-scaling-policy", "--policy-name", "cpu", "--service-namespace", "ecs",
            "--resource-id", "service/test/nope", "--scalable-dimension", "ecs:service:DesiredCount", "--policy-type", "TargetTrackingScaling",
            "--target-tracking-scaling-policy-configuration", """{"TargetValue":50,"PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageCPUUtilization"}}""");
        ErrorContains(unregistered, "(ObjectNotFoundException)");
        ErrorContains(unregistered, "): No scalable target registered for service namespace: ecs, resource ID: service/test/nope, scalable dimension: ecs:service:DesiredCount");

        var inverted = await engine.AwsAsync("application-autoscaling", "register-scalable-target", "--service-namespace", "ecs",
            "--resource-id", "service/test/nope", "--scalable-dimension", "ecs:service:DesiredCount", "--min-capacity", "3", "--max-capacity", "2");
        ErrorContains(inverted, "(ValidationException)");
        ErrorContains(inverted, "Minimum capacity cannot be greater than maximum capacity");

        var step = await engine.AwsAsync("application-autoscaling", "put-scaling-policy", "--policy-name", "steps", "--service-namespace", "ecs",
            "--resource-id", "service/test/nope", "--scalable-dimension", "ecs:service:DesiredCount", "--policy-type", "StepScaling",
            "--step-scaling-policy-configuration", """{"AdjustmentType":"ChangeInCapacity","StepAdjustments":[{"MetricIntervalLowerBound":0,"ScalingAdjustment":1}]}""");
        ErrorContains(step, "(NotImplementedByLocalRegion)");
        ErrorContains(step, "target tracking policies only");

        var dynamo = await engine.AwsAsync("application-autoscaling", "describe-scalable-targets", "--service-namespace", "dynamodb");
        ErrorContains(dynamo, "(NotImplementedByLocalRegion)");
        ErrorContains(dynamo, "scales ECS services only");
    }

    private static void ErrorContains(ProcessResult result, string expected) =>
        Assert.True(result.Error.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in: {result}");

    private async Task<JsonElement> Aws(params string[] args)
    {
        var result = await engine.AwsAsync(["application-autoscaling", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return string.IsNullOrWhiteSpace(result.Out) ? default : result.Json();
    }

    private async Task<List<JsonElement>> ActivitiesAsync() =>
        [.. (await Aws("describe-scaling-activities", "--service-namespace", "ecs", "--resource-id", ResourceId)).GetProperty("ScalingActivities").EnumerateArray()];

    private async Task<int> DesiredCountAsync() =>
        (await engine.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "test", Services = ["scaled"] })).Services![0].DesiredCount;

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
