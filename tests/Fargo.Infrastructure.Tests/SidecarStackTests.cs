using System.Text.Json.Nodes;
using Fargo.Config;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// A web service with a reverse proxy in front of its container, an init container and a log shipper (tests/Shared/SidecarExample.cs),
/// synthesized once for qa: the
/// task definition holds all three with their dependencies, checks, ports, variables, secrets and logs; the load
/// balancer reaches the proxy's port, and only that port.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class SidecarStackTests(SidecarStackTests.ServiceFixture service) : IClassFixture<SidecarStackTests.ServiceFixture>
{
    [Fact]
    public void The_task_definition_holds_every_container_with_its_dependencies_checks_and_logs()
    {
        var containers = service.Containers();
        var proxy = containers["proxy"];

        Assert.Equal(["todo-api", "proxy", "migrate", "shipper"], containers.Keys);
        Assert.Equal("nginx:1.27-alpine", (string)proxy["Image"]!);
        Assert.True((bool)proxy["Essential"]!);
        Assert.False((bool)containers["migrate"]["Essential"]!);
        Assert.Equal(["dotnet", "Migrate.dll"], containers["migrate"]["EntryPoint"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(containers["todo-api"]["Image"]!.ToJsonString(), containers["migrate"]["Image"]!.ToJsonString());
        Assert.Equal((64, 128), ((int)proxy["Cpu"]!, (int)proxy["Memory"]!));
        Assert.Equal(8081, (int)proxy["PortMappings"]![0]!["ContainerPort"]!);
        Assert.Equal(
            [("todo-api", "HEALTHY"), ("migrate", "SUCCESS")],
            proxy["DependsOn"]!.AsArray().Select(d => ((string)d!["ContainerName"]!, (string)d["Condition"]!)));
        Assert.Equal(["CMD", "wget", "-q", "-O-", "http://localhost:8081/_health"], proxy["HealthCheck"]!["Command"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(10, (int)proxy["HealthCheck"]!["Interval"]!);
        Assert.Equal([("UPSTREAM", "http://localhost:8080")], proxy["Environment"]!.AsArray().Select(v => ((string)v!["Name"]!, (string)v["Value"]!)));
        Assert.Equal("TLS_KEY", (string)proxy["Secrets"]![0]!["Name"]!);
        Assert.Contains("parameter/todo-api/tls-key", proxy["Secrets"]![0]!["ValueFrom"]!.ToJsonString(), StringComparison.Ordinal);
        // Every container logs to the service's group under the same prefix: awslogs names each stream after its container.
        Assert.All(containers.Values, c => Assert.Equal(containers["todo-api"]["LogConfiguration"]!.ToJsonString(), c["LogConfiguration"]!.ToJsonString()));
        // The service's own container keeps what it had, and gets none of the sidecar's variables.
        Assert.Null(containers["todo-api"]["DependsOn"]);
        Assert.DoesNotContain("UPSTREAM", containers["todo-api"].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_balancer_reaches_the_proxy_and_only_its_port()
    {
        var ecsService = Single("AWS::ECS::Service");
        var balancer = Assert.Single(ecsService["LoadBalancers"]!.AsArray())!;
        Assert.Equal(("proxy", 8081), ((string)balancer["ContainerName"]!, (int)balancer["ContainerPort"]!));
        Assert.Equal(8081, (int)Single("AWS::ElasticLoadBalancingV2::TargetGroup")["Port"]!);

        var ingress = SynthesizedEnvironment.Resources(service.Json, "AWS::EC2::SecurityGroupIngress").Values
            .Select(r => ((int)r["Properties"]!["FromPort"]!, (int)r["Properties"]!["ToPort"]!))
            .ToList();
        Assert.Equal([(8081, 8081)], ingress);
    }

    [Fact]
    public void The_execution_role_may_read_the_sidecars_secret_and_pull_its_ECR_image()
    {
        var policies = service.Json.ToJsonString();

        Assert.Contains("parameter/todo-api/tls-key", policies, StringComparison.Ordinal);
        Assert.Contains("repository/log-shipper", policies, StringComparison.Ordinal);
    }

    private JsonObject Single(string type) => Assert.Single(SynthesizedEnvironment.Resources(service.Json, type)).Value["Properties"]!.AsObject();

    /// <summary>The service synthesized once for the class.</summary>
    public sealed class ServiceFixture : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("fargo-sidecar-tests-").FullName;

        public ServiceFixture()
        {
            var config = (ServiceConfig)new ConfigLoader().Parse(Fargo.Tests.SidecarExample.Config, "/work/app/fargo.toml");
            var model = InfrastructureApp.BuildApp(InfrastructureApp.NewApp(_root), config.ServicesIn("qa"), _ => RepositoryPlacement.Alone, _root);
            model.App.Synth();
            Json = JsonNode.Parse(File.ReadAllText(model.Assemblies[0].ServiceTemplate))!.AsObject();
        }

        public JsonObject Json { get; }

        /// <summary>The task definition's containers by name, in order.</summary>
        public IReadOnlyDictionary<string, JsonObject> Containers()
        {
            var definitions = Assert.Single(SynthesizedEnvironment.Resources(Json, "AWS::ECS::TaskDefinition")).Value["Properties"]!["ContainerDefinitions"]!.AsArray();
            var byName = new OrderedDictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var definition in definitions)
            {
                byName.Add((string)definition!["Name"]!, definition.AsObject());
            }

            return byName;
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
