using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[containers]: a task's sidecars, their dependencies and which container the load balancer targets.</summary>
public sealed class SidecarConfigTests
{
    private const string File = """
        name = "api"
        port = 8080

        [health]
        command = ["curl", "-f", "http://localhost:8080/_health"]

        [local]
        command = "python3 app.py"

        [containers.proxy]
        image = "nginx:1.27-alpine"
        port = 8081
        target = true
        depends_on = { api = "HEALTHY", init = "SUCCESS" }
        env = { UPSTREAM = "http://localhost:8080" }
        secrets = { TLS_KEY = "/api/tls-key" }
        cpu = 64
        memory = 128
        [containers.proxy.health]
        command = ["wget", "-q", "-O-", "http://localhost:8081/_health"]
        interval = "10s"
        retries = 2
        start_period = "5s"
        [containers.proxy.local]
        command = "python3 proxy.py --port 8081"

        [containers.init]
        image = "busybox:1.36"
        essential = false
        command = ["sh", "-c", "echo ready"]

        [environments.prod]
        account = "222222222222"
        region = "us-east-1"
        """;

    [Fact]
    public void An_AWS_environment_gets_every_container_as_written_and_the_proxy_as_target()
    {
        var settings = Configs.Service(File).ForEnvironment("prod");

        var proxy = settings.Sidecars[0];
        Assert.Equal(["proxy", "init"], settings.Sidecars.Select(s => s.Name));
        Assert.Equal("nginx:1.27-alpine", proxy.Image);
        Assert.Equal(8081, proxy.Port);
        Assert.True(proxy.Essential);
        Assert.Equal([new ContainerDependency("api", "HEALTHY"), new ContainerDependency("init", "SUCCESS")], proxy.DependsOn);
        Assert.Equal("http://localhost:8080", proxy.Environment["UPSTREAM"]);
        Assert.Equal("/api/tls-key", proxy.Secrets["TLS_KEY"]);
        Assert.Equal(["CMD", "wget", "-q", "-O-", "http://localhost:8081/_health"], proxy.HealthCheck!.Command);
        Assert.Equal((10, 5, 2, 5), (proxy.HealthCheck.IntervalSeconds, proxy.HealthCheck.TimeoutSeconds, proxy.HealthCheck.Retries, proxy.HealthCheck.StartPeriodSeconds));
        Assert.Equal((64, 128), (proxy.Cpu!.Value, proxy.Memory!.Value));
        Assert.Equal(new LoadBalancerTarget("proxy", 8081), settings.Target);
        Assert.False(settings.Sidecars[1].Essential);
        Assert.Equal(["sh", "-c", "echo ready"], settings.Sidecars[1].Command);
    }

    [Fact]
    public void On_the_local_region_a_sidecar_runs_its_local_command_in_the_services_own_image()
    {
        var proxy = Configs.Service(File).ForEnvironment("local").Sidecars[0];

        Assert.Null(proxy.Image);
        Assert.Equal(["python3", "proxy.py", "--port", "8081"], proxy.Command);
    }

    [Fact]
    public void Without_a_targeted_sidecar_the_load_balancer_targets_the_services_container()
    {
        var settings = Configs.Service(Configs.Minimal + "[containers.logger]\nimage = \"fluent-bit:3\"\n").ForEnvironment("local");

        Assert.Equal(new LoadBalancerTarget("api", 8080), settings.Target);
        Assert.Null(settings.Sidecars[0].HealthCheck);
        Assert.Empty(settings.Sidecars[0].DependsOn);
    }

    [Theory]
    [InlineData("[containers.proxy]\ndepends_on = { apx = \"START\" }\n", "containers.proxy.depends_on.apx", "the task has no container \"apx\"", "did you mean \"api\"?")]
    [InlineData("[containers.proxy]\ndepends_on = { api = \"HEALTHY\" }\n", "containers.proxy.depends_on.api", "container api has no health check, so it never becomes HEALTHY", "[health] command")]
    [InlineData("[containers.proxy]\ndepends_on = { api = \"SUCCESS\" }\n", "containers.proxy.depends_on.api", "container api is essential", "START or HEALTHY")]
    [InlineData("[containers.proxy]\nport = 8080\n", "containers.proxy.port", "container api already listens on 8080", "share one network")]
    [InlineData("[containers.api]\nimage = \"x\"\n", "containers.api", "\"api\" is the name of the service's own container", null)]
    [InlineData("[containers.proxy]\ntarget = true\n", "containers.proxy.target", "this one has none", null)]
    [InlineData("[containers.proxy]\ndepends_on = { api = \"WHENEVER\" }\n", "containers.proxy.depends_on.api", "WHENEVER", null)]
    [InlineData("[containers.proxy.health]\ninterval = \"10s\"\n", "containers.proxy.health.command", "required key is missing", null)]
    [InlineData("[containers.proxy]\nmemory = 4096\n", "containers.proxy.memory", "more than the task's memory (512 MiB)", null)]
    [InlineData("[containers.\"bad name\"]\n", "containers.\"bad name\"", "is not an ECS name", null)]
    public void A_mistake_is_reported_at_its_file_line_and_key(string table, string key, string message, string? hint)
    {
        var problem = Assert.Single(Configs.Problems(Configs.Minimal + "\n" + table));

        Assert.Equal((Configs.FileName, key), (problem.File, problem.KeyPath));
        Assert.True(problem.Line >= 3, $"line {problem.Line}");
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        if (hint is not null)
        {
            Assert.Contains(hint, problem.Hint, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_targeted_containers_are_refused_at_the_second()
    {
        var problem = Assert.Single(Configs.Problems(Configs.Minimal + """
            [containers.a]
            port = 9001
            target = true
            [containers.b]
            port = 9002
            target = true
            """));

        Assert.Equal(("containers.b.target", 8), (problem.KeyPath, problem.Line));
        Assert.Contains("container a is the load balancer's target already", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_that_wait_for_each_other_are_a_circle()
    {
        var problem = Assert.Single(Configs.Problems(Configs.Minimal + """
            [containers.a]
            depends_on = { b = "START" }
            [containers.b]
            depends_on = { a = "START" }
            """));

        Assert.Equal("containers.a.depends_on.b", problem.KeyPath);
        Assert.Contains("a → b → a", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_of_several_declares_its_own_containers()
    {
        var config = Assert.IsType<ServiceConfig>(Configs.Load("""
            name = "shop"
            port = 8080
            [services.web]
            [services.web.health]
            command = ["true"]
            [services.web.containers.proxy]
            port = 9000
            target = true
            depends_on = { web = "HEALTHY" }
            [services.jobs]
            kind = "worker"
            """));

        var web = config.ForEnvironment("local", "web");
        Assert.Equal(new LoadBalancerTarget("proxy", 9000), web.Target);
        Assert.Empty(config.ForEnvironment("local", "jobs").Sidecars);
    }

    [Fact]
    public void A_worker_cannot_target_a_container()
    {
        var problem = Assert.Single(Configs.Problems("""
            name = "jobs"
            kind = "worker"
            [containers.proxy]
            port = 9000
            target = true
            """));

        Assert.Equal("containers.proxy.target", problem.KeyPath);
        Assert.Contains("a worker has no load balancer", problem.Message, StringComparison.Ordinal);
    }
}
