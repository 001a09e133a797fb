using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Http;
using Fargo.Local.Tests.Support;
using EcsLoadBalancer = Fargo.Aws.Ecs.LoadBalancer;
using TargetType = Fargo.Aws.ElasticLoadBalancingV2.TargetType;

namespace Fargo.Local.Tests;

/// <summary>
/// ECS's service events and launch throttling as shared/reference/ecs-alb-semantics.md describes them: the order of a
/// rolling update's events behind a load balancer, the backoff for tasks that never reach RUNNING (with "is unable to
/// consistently start tasks successfully."), and no backoff for tasks that did start and then crashed.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EcsEventTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_rolling_update_behind_a_load_balancer_tells_its_steps_in_ECS_s_order()
    {
        using var http = new AwsHttpClient(engine.Region.ClientOptions());
        var elb = new ElasticLoadBalancingV2Client(http);
        var balancer = (await elb.CreateLoadBalancerAsync(new CreateLoadBalancerRequest { Name = "events" })).LoadBalancers![0];
        var group = (await elb.CreateTargetGroupAsync(new CreateTargetGroupRequest
        {
            Name = "events-web",
            Protocol = ProtocolName.Http,
            Port = 8080,
            TargetType = TargetType.Ip,
            VpcId = "vpc-local",
            HealthCheckPath = "/health",
            HealthCheckIntervalSeconds = 5,
            HealthCheckTimeoutSeconds = 2,
            HealthyThresholdCount = 2,
        })).TargetGroups![0];
        await elb.ModifyTargetGroupAttributesAsync(new ModifyTargetGroupAttributesRequest
        {
            TargetGroupArn = group.TargetGroupArn!,
            Attributes = [new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = "5" }],
        });
        await elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = balancer.LoadBalancerArn!,
            Protocol = ProtocolName.Http,
            Port = 0,
            DefaultActions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = group.TargetGroupArn }],
        });
        var v1 = await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("events", engine.TestServiceImage, "v1", "/test/events"));
        await engine.Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "test",
            ServiceName = "events",
            TaskDefinition = v1.TaskDefinition!.TaskDefinitionArn,
            DesiredCount = 1,
            LoadBalancers = [new EcsLoadBalancer { TargetGroupArn = group.TargetGroupArn, ContainerName = "web", ContainerPort = 8080 }],
            DeploymentConfiguration = new DeploymentConfiguration { MinimumHealthyPercent = 100, MaximumPercent = 200 },
        });
        var before = await engine.WaitSteadyAsync("events", 1);
        var oldTask = Assert.Single(await engine.TasksAsync("events")).TaskArn!.Split('/')[^1];
        var v2 = await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("events", engine.TestServiceImage, "v2", "/test/events"));

        await engine.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "test", Service = "events", TaskDefinition = v2.TaskDefinition!.TaskDefinitionArn });

        var after = await Eventually.UntilAsync(
            () => engine.DescribeServiceAsync("events"),
            s => s.Deployments!.Count == 1 && s.Deployments[0].Id != before.Deployments![0].Id
                 && s.Events![0].Message == "(service events) has reached a steady state.",
            TimeSpan.FromSeconds(90),
            "the update to finish",
            EngineFixture.Describe);
        // The events since the update (ids tell them apart: messages such as the steady state repeat), oldest first.
        var chronological = after.Events!.TakeWhile(e => e.Id != before.Events![0].Id).Select(e => e.Message!).Reverse().ToList();
        string[] expected =
        [
            "(service events) has started 1 tasks:",
            $"(service events) registered 1 targets in (target-group {group.TargetGroupArn})",
            $"(service events) deregistered 1 targets in (target-group {group.TargetGroupArn})",
            "(service events, taskSet ecs-svc/",
            $"(service events) has stopped 1 running tasks: (task {oldTask}).",
            $"(service events) (deployment {after.Deployments![0].Id}) deployment completed.",
            "(service events) has reached a steady state.",
        ];
        var positions = expected.Select(start => chronological.FindIndex(m => m.StartsWith(start, StringComparison.Ordinal))).ToList();
        Assert.True(positions.TrueForAll(p => p >= 0) && positions.SequenceEqual(positions.Order()), string.Join('\n', chronological));

        await engine.RemoveServiceAsync("events");
    }

    [Fact]
    public async Task Tasks_that_never_reach_RUNNING_are_throttled_and_the_service_says_it_cannot_start_them()
    {
        var missing = engine.TestServiceImage[..engine.TestServiceImage.LastIndexOf(':')] + ":not-pushed";
        await CreateServiceWithoutCircuitBreakerAsync(TestService.TaskDefinition("nopull", missing, "v1", "/test/nopull"));

        var service = await Eventually.UntilAsync(
            () => engine.DescribeServiceAsync("nopull"),
            s => s.Events!.Any(e => e.Message == "(service nopull) is unable to consistently start tasks successfully."),
            TimeSpan.FromSeconds(60),
            "the service to say it cannot start tasks",
            EngineFixture.Describe);

        var stopped = await engine.TasksAsync("nopull", "STOPPED");
        Assert.True(stopped.Count >= 3, $"{stopped.Count} failed launches before the event");
        Assert.All(stopped, t => Assert.Equal(TaskStopCode.TaskFailedToStart, t.StopCode));
        Assert.All(stopped, t => Assert.Null(t.StartedAt));
        Assert.Single(service.Events!, e => e.Message!.Contains("unable to consistently start", StringComparison.Ordinal));

        await engine.RemoveServiceAsync("nopull");
    }

    [Fact]
    public async Task A_crash_loop_of_tasks_that_did_start_is_relaunched_without_a_backoff()
    {
        await CreateServiceWithoutCircuitBreakerAsync(TestService.TaskDefinition("crashloop", engine.TestServiceImage, "v1", "/test/crashloop", exitAtOnce: true));

        // With the backoff of failed launches (5 s doubling, at this engine's time scale 1 s doubling from the
        // third failure) ten launches would take over two minutes; relaunched at once they take seconds.
        var stopped = await Eventually.UntilAsync(
            () => engine.TasksAsync("crashloop", "STOPPED"),
            tasks => tasks.Count >= 10,
            TimeSpan.FromSeconds(60),
            "ten launches of the crashing task");

        Assert.All(stopped, t => Assert.NotNull(t.StartedAt));
        Assert.All(stopped, t => Assert.Equal(TaskStopCode.EssentialContainerExited, t.StopCode));
        var service = await engine.DescribeServiceAsync("crashloop");
        Assert.DoesNotContain(service.Events!, e => e.Message!.Contains("unable to consistently start", StringComparison.Ordinal));

        await engine.RemoveServiceAsync("crashloop");
    }

    /// <summary>One task of the revision, and no circuit breaker: ECS keeps launching whatever happens.</summary>
    private async Task CreateServiceWithoutCircuitBreakerAsync(RegisterTaskDefinitionRequest revision)
    {
        var definition = await engine.Ecs.RegisterTaskDefinitionAsync(revision);
        await engine.Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "test",
            ServiceName = revision.Family,
            TaskDefinition = definition.TaskDefinition!.TaskDefinitionArn,
            DesiredCount = 1,
        });
    }
}
