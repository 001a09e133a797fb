using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Config;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// An app of three services in qa, synthesized once: todo-api (web) calls pricing (internal); todo-worker (worker)
/// calls todo-api. Each gets its own stack; only the web service is behind the load balancer; the called ones are in
/// Cloud Map; security groups open exactly the declared calls.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class ServiceKindsStackTests(ServiceKindsStackTests.AppFixture app) : IClassFixture<ServiceKindsStackTests.AppFixture>
{
    private const string Config = """
        name = "todo"
        port = 8080
        scaling = { min = 1, max = 4, cpu = 60, requests = 500 }
        [services.todo-api]
        calls = ["pricing"]
        [services.pricing]
        kind = "internal"
        port = 9090
        [services.todo-worker]
        kind = "worker"
        calls = ["todo-api"]
        [services.todo-worker.container]
        command = ["dotnet", "TodoApi.dll", "--worker"]
        [services.todo-worker.health]
        command = ["dotnet", "TodoApi.dll", "--health"]
        [environments.qa]
        account = "111111111111"
        region = "us-east-1"

        """;

    [Fact]
    public void Each_service_has_its_own_stack_task_definition_and_service()
    {
        Assert.Equal(["fargo-qa-todo-api", "fargo-qa-pricing", "fargo-qa-todo-worker"], app.Assemblies.Select(a => a.Stacks.Service));
        Assert.All(app.Assemblies, a => Assert.Equal(app.Assemblies[0].EnvironmentTemplate, a.EnvironmentTemplate));
        foreach (var (name, template) in app.Services)
        {
            template.HasResourceProperties("AWS::ECS::TaskDefinition", Like(("Family", $"{name}-qa")));
            template.HasResourceProperties("AWS::ECS::Service", Like(("ServiceName", name)));
        }
    }

    [Fact]
    public void Only_the_web_service_has_a_target_group_and_a_listener_rule()
    {
        app.Services["todo-api"].ResourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
        app.Services["todo-api"].ResourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 1);
        foreach (var name in new[] { "pricing", "todo-worker" })
        {
            app.Services[name].ResourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 0);
            app.Services[name].ResourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 0);
            var service = Assert.Single(SynthesizedEnvironment.Resources(app.Json[name], "AWS::ECS::Service")).Value["Properties"]!.AsObject();
            Assert.False(service.ContainsKey("LoadBalancers"), name);
            Assert.False(service.ContainsKey("HealthCheckGracePeriodSeconds"), name);
        }
    }

    [Fact]
    public void A_worker_has_no_port_and_its_container_checks_its_own_health()
    {
        var container = Container("todo-worker");

        Assert.False(container.ContainsKey("PortMappings"));
        Assert.Equal("""["dotnet","TodoApi.dll","--worker"]""", container["Command"]!.ToJsonString());
        var health = container["HealthCheck"]!.AsObject();
        Assert.Equal("""["CMD","dotnet","TodoApi.dll","--health"]""", health["Command"]!.ToJsonString());
        Assert.Equal(3, (int)health["Retries"]!);
        Assert.Equal(10, (int)health["Interval"]!);
        Assert.Equal(9090, (int)Container("pricing")["PortMappings"]![0]!["ContainerPort"]!);
    }

    [Fact]
    public void Autoscaling_on_requests_stays_with_the_service_behind_the_load_balancer()
    {
        app.Services["todo-api"].HasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Like(
            ("TargetTrackingScalingPolicyConfiguration", Like(("PredefinedMetricSpecification", Like(("PredefinedMetricType", "ALBRequestCountPerTarget")))))));
        foreach (var name in new[] { "pricing", "todo-worker" })
        {
            var policies = SynthesizedEnvironment.Resources(app.Json[name], "AWS::ApplicationAutoScaling::ScalingPolicy").Values
                .Select(p => (string?)p["Properties"]!["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]!["PredefinedMetricType"])
                .Order(StringComparer.Ordinal);
            Assert.Equal(["ECSServiceAverageCPUUtilization"], policies);
        }
    }

    [Fact]
    public void Called_services_are_registered_by_name_in_the_environments_namespace()
    {
        app.Environment.HasResourceProperties("AWS::ServiceDiscovery::PrivateDnsNamespace", Like(("Name", "qa.fargo.internal")));
        foreach (var name in new[] { "todo-api", "pricing" })
        {
            app.Services[name].HasResourceProperties("AWS::ServiceDiscovery::Service", Like(
                ("Name", name),
                ("DnsConfig", Like(("DnsRecords", A(O(("TTL", 10), ("Type", "A"))))))));
            app.Services[name].HasResourceProperties("AWS::ECS::Service", Like(("ServiceRegistries", A(Like(("RegistryArn", Match.AnyValue()))))));
        }

        app.Services["todo-worker"].ResourceCountIs("AWS::ServiceDiscovery::Service", 0);
    }

    [Fact]
    public void A_caller_gets_the_called_services_url_by_its_name()
    {
        Assert.Contains(Variables("todo-api"), v => v == ("PRICING_URL", "http://pricing.qa.fargo.internal:9090"));
        Assert.Contains(Variables("todo-worker"), v => v == ("TODO_API_URL", "http://todo-api.qa.fargo.internal:8080"));
        Assert.DoesNotContain(Variables("pricing"), v => v.Name.EndsWith("_URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Security_groups_open_exactly_the_declared_calls_between_services()
    {
        // Every ingress rule of every service's group, wherever CloudFormation holds it.
        var rules = app.Json.Values
            .SelectMany(t => SynthesizedEnvironment.Resources(t, "AWS::EC2::SecurityGroupIngress").Values)
            .Select(r => r["Properties"]!.AsObject())
            .Where(p => ((string?)p["Description"])?.Contains(" calls ", StringComparison.Ordinal) == true)
            .Select(p => ((string)p["Description"]!, (int)p["FromPort"]!, (int)p["ToPort"]!))
            .Order()
            .ToList();

        Assert.Equal([("todo-api calls pricing", 9090, 9090), ("todo-worker calls todo-api", 8080, 8080)], rules);

        // Besides the calls, only the load balancer reaches a task, and only the web service's.
        var others = app.Json
            .SelectMany(t => SynthesizedEnvironment.Resources(t.Value, "AWS::EC2::SecurityGroupIngress").Values.Select(r => (t.Key, Properties: r["Properties"]!.AsObject())))
            .Where(r => ((string?)r.Properties["Description"])?.Contains(" calls ", StringComparison.Ordinal) != true)
            .ToList();
        Assert.All(others, r => Assert.Equal("todo-api", r.Key));
        Assert.All(others, r => Assert.Contains("Load balancer", (string?)r.Properties["Description"] ?? "", StringComparison.Ordinal));
        var worker = Assert.Single(SynthesizedEnvironment.Resources(app.Json["todo-worker"], "AWS::EC2::SecurityGroup")).Value["Properties"]!.AsObject();
        Assert.False(worker.ContainsKey("SecurityGroupIngress"));
    }

    [Fact]
    public void A_callers_stack_holds_the_rule_into_the_called_group_so_the_called_stack_comes_first()
    {
        // The rule that lets todo-api reach pricing is a resource of todo-api's stack, naming pricing's group through
        // pricing's export: pricing's stack is deployed (and deletable) without todo-api's, never the other way round.
        var rule = SynthesizedEnvironment.Resources(app.Json["todo-api"], "AWS::EC2::SecurityGroupIngress").Values
            .Select(r => r["Properties"]!.AsObject())
            .Single(p => (string?)p["Description"] == "todo-api calls pricing");
        Assert.Contains("fargo-qa-pricing:", rule["GroupId"]!["Fn::ImportValue"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(
            SynthesizedEnvironment.Resources(app.Json["pricing"], "AWS::EC2::SecurityGroupIngress").Values,
            r => ((string?)r["Properties"]!["Description"])?.Contains(" calls ", StringComparison.Ordinal) == true);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Assemblies[0].Directory, "manifest.json")))!["artifacts"]!.AsObject();
        IEnumerable<string> DependenciesOf(string stack) => (manifest[stack]!["dependencies"]?.AsArray() ?? []).Select(d => (string)d!);
        Assert.Contains("fargo-qa-pricing", DependenciesOf("fargo-qa-todo-api"));
        Assert.Contains("fargo-qa-todo-api", DependenciesOf("fargo-qa-todo-worker"));
        Assert.DoesNotContain("fargo-qa-todo-api", DependenciesOf("fargo-qa-pricing"));
    }

    private JsonObject Container(string service) =>
        Assert.Single(SynthesizedEnvironment.Resources(app.Json[service], "AWS::ECS::TaskDefinition")).Value["Properties"]!["ContainerDefinitions"]![0]!.AsObject();

    private IEnumerable<(string Name, string Value)> Variables(string service) =>
        (Container(service)["Environment"]?.AsArray() ?? []).Select(v => ((string)v!["Name"]!, v["Value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : v["Value"]!.ToJsonString()));

    /// <summary>The app synthesized once for the class.</summary>
    public sealed class AppFixture() : AppSynthesis(Config, "qa");
}
