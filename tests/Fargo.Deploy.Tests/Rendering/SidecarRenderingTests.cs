using Fargo.Aws.Ecs;
using Fargo.Config;
using Fargo.Deploy.Rendering;

namespace Fargo.Deploy.Tests.Rendering;

/// <summary>
/// A deploy's task definition of a service with sidecars: every container of fargo.toml, as the service stack has them
/// (tests/Shared/SidecarExample.cs; tests/Fargo.Infrastructure.Tests/SidecarStackTests.cs checks the stack's side of it).
/// </summary>
public sealed class SidecarRenderingTests
{
    private static RegisterTaskDefinitionRequest Render(string environment) =>
        TaskDefinitionRenderer.Render(((ServiceConfig)new ConfigLoader().Parse(Fargo.Tests.SidecarExample.Config, "/work/app/fargo.toml")).ForEnvironment(environment), "111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:abc");

    [Fact]
    public void Every_container_is_rendered_with_its_dependencies_check_variables_secrets_and_logs()
    {
        var containers = Render("qa").ContainerDefinitions;
        var proxy = containers[1];

        Assert.Equal(["todo-api", "proxy", "migrate", "shipper"], containers.Select(c => c.Name));
        Assert.Equal("nginx:1.27-alpine", proxy.Image);
        Assert.Equal((true, 64, 128), (proxy.Essential!.Value, proxy.Cpu!.Value, proxy.Memory!.Value));
        Assert.Equal(8081, proxy.PortMappings![0].ContainerPort);
        Assert.Equal([("todo-api", "HEALTHY"), ("migrate", "SUCCESS")], proxy.DependsOn!.Select(d => (d.ContainerName, d.Condition.Value)));
        Assert.Equal(["CMD", "wget", "-q", "-O-", "http://localhost:8081/_health"], proxy.HealthCheck!.Command);
        Assert.Equal((10, 5, 3, 0), (proxy.HealthCheck.Interval!.Value, proxy.HealthCheck.Timeout!.Value, proxy.HealthCheck.Retries!.Value, proxy.HealthCheck.StartPeriod!.Value));
        Assert.Equal([("UPSTREAM", "http://localhost:8080")], proxy.Environment!.Select(v => (v.Name, v.Value)));
        Assert.Equal([("TLS_KEY", "arn:aws:ssm:us-east-1:111111111111:parameter/todo-api/tls-key")], proxy.Secrets!.Select(s => (s.Name, s.ValueFrom)));
        Assert.All(containers, c => Assert.Equal(containers[0].LogConfiguration, c.LogConfiguration, LogConfigurations.Instance));
        // A sidecar without an image of its own runs the service's, as deployed.
        Assert.Equal(containers[0].Image, containers[2].Image);
        Assert.Equal(["dotnet", "Migrate.dll"], containers[2].EntryPoint);
        Assert.Equal("111111111111.dkr.ecr.us-east-1.amazonaws.com/log-shipper:v3", containers[3].Image);
        Assert.Equal(["--once"], containers[2].Command);
        Assert.False(containers[2].Essential);
    }

    [Fact]
    public void On_the_local_region_a_sidecar_runs_its_local_command_in_the_services_image()
    {
        var proxy = Render("local").ContainerDefinitions[1];

        Assert.Equal("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:abc", proxy.Image);
        Assert.Equal(["python3", "proxy.py"], proxy.Command);
        Assert.Null(proxy.EntryPoint);
    }

    private sealed class LogConfigurations : IEqualityComparer<LogConfiguration?>
    {
        public static LogConfigurations Instance { get; } = new();

        public bool Equals(LogConfiguration? x, LogConfiguration? y) =>
            x?.LogDriver == y?.LogDriver && (x?.Options ?? new Dictionary<string, string>()).SequenceEqual(y?.Options ?? new Dictionary<string, string>());

        public int GetHashCode(LogConfiguration? obj) => 0;
    }
}
