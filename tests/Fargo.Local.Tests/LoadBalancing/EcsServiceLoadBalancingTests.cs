using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.Ecs;
using Fargo.Local.LoadBalancing.Ecs;
using Fargo.Local.Tests.Support;
using EcsLoadBalancer = Fargo.Aws.Ecs.LoadBalancer;
using NetworkBinding = Fargo.Aws.Ecs.NetworkBinding;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// What the ECS scheduler gets from the load balancer: a task's targets registered with ECS's event, the
/// health gate, the failed-health-check verdict in ECS's words, and deregistration before the task stops.
/// </summary>
public sealed class EcsServiceLoadBalancingTests
{
    [Fact]
    public async Task A_task_is_registered_gated_on_health_and_deregistered_as_ecs_does()
    {
        await using var lb = await LoadBalancerHarness.StartAsync(deregistrationDelaySeconds: 300);
        await using var backend = await TestBackend.StartAsync("task");
        var adapter = new EcsServiceLoadBalancing(lb.Elb);
        var service = Service([new EcsLoadBalancer { TargetGroupArn = lb.TargetGroupArn, ContainerName = "web", ContainerPort = 8080 }]);
        var task = NewTask("0123456789abcdef", backend.Port);

        Assert.Equal([$"(service web) registered 1 targets in (target-group {lb.TargetGroupArn})"], ((IServiceLoadBalancing)adapter).RegisterTask(service, task));
        await Eventually.UntilAsync(() => Task.FromResult(adapter.IsHealthy(service, task)), h => h == true, TimeSpan.FromSeconds(15), "the task's target to be healthy");
        Assert.Null(adapter.FindUnhealthy(service, task));

        backend.HealthStatus = 503;
        var unhealthy = await Eventually.UntilAsync(() => Task.FromResult(adapter.FindUnhealthy(service, task)), u => u is not null, TimeSpan.FromSeconds(15), "the target to fail its health checks");
        Assert.Equal(
            $"(service web) (task 0123456789abcdef) (port {backend.Port}) is unhealthy in (target-group {lb.TargetGroupArn}) due to (reason Health checks failed with these codes: [503])",
            unhealthy!.EventMessage("web", "0123456789abcdef"));
        Assert.Equal($"Task failed ELB health checks in (target-group {lb.TargetGroupArn})", unhealthy.StoppedReason);
        IServiceLoadBalancing scheduler = adapter;
        Assert.Equal((unhealthy.EventMessage("web", "0123456789abcdef"), unhealthy.StoppedReason), scheduler.FailedHealthCheck(service, task));
        Assert.False(adapter.IsHealthy(service, task));

        var events = scheduler.BeginDeregistration(service, task);
        Assert.Equal(
            [$"(service web) deregistered 1 targets in (target-group {lb.TargetGroupArn})", "(service web, taskSet ecs-svc/1234567890123456789) has begun draining connections on 1 tasks."],
            events);
        Assert.Empty(adapter.BeginDeregistration(service, task));
        Assert.Equal(TargetHealthState.Draining, lb.Health(backend.Port).State);

        // Nothing in flight: draining is over at once, so the scheduler may stop the task.
        Assert.True(adapter.Deregister(service, task));
    }

    [Fact]
    public void A_service_without_load_balancers_opens_every_gate()
    {
        var adapter = new EcsServiceLoadBalancing(new NoTargets());
        var service = Service(null);
        var task = NewTask("fedcba9876543210", 1234);

        Assert.Null(adapter.Register(service, task));
        Assert.Null(adapter.IsHealthy(service, task));
        Assert.True(adapter.Deregister(service, task));
    }

    private static ServiceRecord Service(IReadOnlyList<EcsLoadBalancer>? balancers) => new()
    {
        Arn = "arn:aws:ecs:local:000000000000:service/test/web",
        Name = "web",
        ClusterArn = "arn:aws:ecs:local:000000000000:cluster/test",
        ClusterName = "test",
        Status = "ACTIVE",
        TaskDefinitionArn = "arn:aws:ecs:local:000000000000:task-definition/web:1",
        DesiredCount = 1,
        MinimumHealthyPercent = 100,
        MaximumPercent = 200,
        CreatedAt = DateTimeOffset.UtcNow,
        LoadBalancers = balancers,
    };

    private static TaskRecord NewTask(string id, int hostPort) => new()
    {
        Id = id,
        Arn = "arn:aws:ecs:local:000000000000:task/test/" + id,
        ClusterArn = "arn:aws:ecs:local:000000000000:cluster/test",
        TaskDefinitionArn = "arn:aws:ecs:local:000000000000:task-definition/web:1",
        Group = "service:web",
        ServiceName = "web",
        DeploymentId = "ecs-svc/1234567890123456789",
        LastStatus = TaskStatuses.Running,
        DesiredStatus = "RUNNING",
        CreatedAt = DateTimeOffset.UtcNow,
        AttachmentId = Guid.NewGuid().ToString(),
        Containers =
        [
            new ContainerRecord
            {
                Name = "web",
                Arn = "arn:aws:ecs:local:000000000000:container/test/" + id + "/web",
                Image = "000000000000.dkr.ecr.local.localhost/web:v1",
                NetworkBindings = [new NetworkBinding { BindIP = "127.0.0.1", ContainerPort = 8080, HostPort = hostPort }],
            },
        ],
    };

    /// <summary>A load balancer that must not be asked anything (the service has none).</summary>
    private sealed class NoTargets : Local.LoadBalancing.ILoadBalancerTargets
    {
        public void RegisterTargets(string targetGroupArn, IReadOnlyList<Local.LoadBalancing.TargetGroups.TargetEndpoint> targets) => throw new InvalidOperationException("not expected");

        public void DeregisterTargets(string targetGroupArn, IReadOnlyList<Local.LoadBalancing.TargetGroups.TargetEndpoint> targets) => throw new InvalidOperationException("not expected");

        public TargetHealth GetTargetHealth(string targetGroupArn, Local.LoadBalancing.TargetGroups.TargetEndpoint target) => throw new InvalidOperationException("not expected");

        public bool IsDeregistrationComplete(string targetGroupArn, Local.LoadBalancing.TargetGroups.TargetEndpoint target) => throw new InvalidOperationException("not expected");
    }
}
