using Fargo.Aws.Ecs;
using Fargo.Local.Runtime;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// A task of several containers: a container waits for its dependencies' conditions (ECS's dependsOn) before it starts,
/// a dependency that can no longer be met stops the task, and localhost:&lt;port&gt; of a task's container names where it
/// listens locally.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ContainerDependencyTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_container_starts_only_after_the_one_it_waits_for_succeeded()
    {
        var image = await ImageAsync("waits");
        await engine.Ecs.RegisterTaskDefinitionAsync(Definition("waits", image, initExitCode: 0));

        var stopped = await RunToStopAsync("waits");

        // main found the file init wrote: it started after init had exited.
        Assert.Equal((0, 0), (Container(stopped, "init").ExitCode, Container(stopped, "main").ExitCode));
        Assert.Equal("Essential container in task exited", stopped.StoppedReason);
    }

    [Fact]
    public async Task A_dependency_that_failed_stops_the_task_before_its_dependent_starts()
    {
        var image = await ImageAsync("fails");
        await engine.Ecs.RegisterTaskDefinitionAsync(Definition("fails", image, initExitCode: 2));

        var stopped = await RunToStopAsync("fails");

        Assert.Equal("CannotStartContainerError: container \"main\" depends on \"init\" being SUCCESS, and it exited with 2", stopped.StoppedReason);
        Assert.Null(Container(stopped, "main").ExitCode);
    }

    [Fact]
    public async Task A_stopping_task_stops_the_container_that_depends_on_another_first()
    {
        var image = await ImageAsync("stops");
        var order = Path.Combine(engine.WorkDirectory, "stop-order-" + Guid.NewGuid().ToString("N")[..8]);
        // Each container notes its SIGTERM; the proxy takes a second to finish, and the app must still be running meanwhile.
        static string Waits(string name, string order, string onTerm) =>
            $"trap 'echo {name}-term >> {order}; {onTerm}echo {name}-exit >> {order}; exit 0' TERM; while true; do sleep 0.1; done";
        await engine.Ecs.RegisterTaskDefinitionAsync(OneOffTasks.Definition("stops", image, template =>
        [
            template with { Name = "app", EntryPoint = ["sh", "-c"], Command = [Waits("app", order, "")] },
            template with
            {
                Name = "proxy",
                EntryPoint = ["sh", "-c"],
                Command = [Waits("proxy", order, "sleep 1; ")],
                DependsOn = [new ContainerDependency { ContainerName = "app", Condition = ContainerCondition.Start }],
            },
        ]));
        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = "stops", LaunchType = LaunchType.Fargate });
        var arn = Assert.Single(run.Tasks!).TaskArn!;
        await Eventually.UntilAsync(() => DescribeAsync(arn), t => t.LastStatus == "RUNNING", TimeSpan.FromSeconds(60), "the task to run", t => t.LastStatus!);

        await engine.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "test", Task = arn });
        var stopped = await Eventually.UntilAsync(() => DescribeAsync(arn), t => t.LastStatus == "STOPPED", TimeSpan.FromSeconds(60), "the task to stop", t => t.LastStatus!);

        Assert.Equal(["proxy-term", "proxy-exit", "app-term", "app-exit"], await File.ReadAllLinesAsync(order));
        Assert.Equal((0, 0), (Container(stopped, "proxy").ExitCode, Container(stopped, "app").ExitCode));
    }

    [Fact]
    public void Localhost_and_a_container_port_of_the_task_name_where_that_container_listens()
    {
        var task = new Ecs.TaskRecord
        {
            Id = "t",
            Arn = "arn",
            ClusterArn = "c",
            TaskDefinitionArn = "d",
            Group = "g",
            LastStatus = "RUNNING",
            DesiredStatus = "RUNNING",
            CreatedAt = DateTimeOffset.UnixEpoch,
            AttachmentId = "e",
            Containers =
            [
                new Ecs.ContainerRecord { Name = "app", Arn = "a", Image = "i", NetworkBindings = [new NetworkBinding { ContainerPort = 8080, HostPort = 41234 }] },
                new Ecs.ContainerRecord { Name = "proxy", Arn = "p", Image = "i", NetworkBindings = [new NetworkBinding { ContainerPort = 8081, HostPort = 41235 }] },
            ],
        };

        var ports = TaskAddresses.Of(task, null);

        Assert.Equal("http://127.0.0.1:41234/api", ports.Rewrite("http://localhost:8080/api"));
        Assert.Equal("127.0.0.1:41235,127.0.0.1:41234", ports.Rewrite("127.0.0.1:8081,LOCALHOST:8080"));
        Assert.Equal("http://localhost:9000 http://db.internal:8080 localhost:80801", ports.Rewrite("http://localhost:9000 http://db.internal:8080 localhost:80801"));

        // With the private DNS, one step puts both in place: a health check command that asks a called service (its Cloud
        // Map name) and the task's own container.
        var addresses = TaskAddresses.Of(task, new PrivateNames(new Dictionary<string, string> { ["pricing.local.fargo.internal"] = "127.0.0.9" }));
        Assert.Equal(
            "curl -f http://127.0.0.9:9090/_health && curl -f http://127.0.0.1:41234/ && curl http://other.example.com/",
            addresses.Rewrite("curl -f http://pricing.local.fargo.internal:9090/_health && curl -f http://localhost:8080/ && curl http://other.example.com/"));
    }

    private sealed class PrivateNames(Dictionary<string, string> addresses) : IPrivateDns
    {
        public string? Resolve(string hostName) => addresses.GetValueOrDefault(hostName);
    }

    private static Container Container(EcsTask task, string name) => task.Containers!.Single(c => c.Name == name);

    private static RegisterTaskDefinitionRequest Definition(string family, string image, int initExitCode) =>
        OneOffTasks.Definition(family, image, template =>
        [
            template with
            {
                Name = "main",
                EntryPoint = ["sh", "-c"],
                Command = [$"test -f {family}.done"],
                DependsOn = [new ContainerDependency { ContainerName = "init", Condition = ContainerCondition.Success }],
            },
            template with
            {
                Name = "init",
                Essential = false,
                EntryPoint = ["sh", "-c"],
                Command = [$"sleep 1; touch {family}.done; exit {initExitCode}"],
            },
        ]);

    private async Task<EcsTask> DescribeAsync(string arn) =>
        (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [arn] })).Tasks![0];

    private Task<string> ImageAsync(string name) => OneOffTasks.ImageAsync(engine, name);

    private Task<EcsTask> RunToStopAsync(string family) => OneOffTasks.RunToStopAsync(engine, family);
}
