using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>An app of several services: [services.NAME] over the top level's defaults, kinds, calls and their variables.</summary>
public sealed class ServicesConfigTests
{
    private const string Prod = "[environments.prod]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n";

    private const string App = """
        name = "todo"
        port = 8080
        [scaling]
        count = 2
        [env]
        LOG_LEVEL = "info"
        [services.todo-api]
        calls = ["pricing"]
        [services.pricing]
        kind = "internal"
        port = 9090
        [services.pricing.env]
        CURRENCY = "EUR"
        [services.todo-worker]
        kind = "worker"
        scaling = { count = 1 }
        [services.todo-worker.container]
        command = ["dotnet", "TodoApi.dll", "--worker"]
        [services.todo-worker.health]
        command = ["dotnet", "TodoApi.dll", "--health"]

        """;

    [Fact]
    public void A_file_without_services_is_one_web_service_named_by_name()
    {
        var config = Configs.Service(Configs.Minimal);
        var service = Assert.Single(config.ServicesIn("local"));

        Assert.Equal(["api"], config.ServiceNames);
        Assert.False(config.HasSeveralServices);
        Assert.Equal(("api", "api", ServiceKind.Web, 8080), (service.Name, service.App, service.Kind, service.Port));
        Assert.Empty(service.Calls);
        Assert.Same(service, config.ForEnvironment("local"));
    }

    [Fact]
    public void Each_service_takes_the_top_level_as_its_defaults_and_its_own_table_over_them()
    {
        var config = Configs.Service(App);
        var services = config.ServicesIn("local").ToDictionary(s => s.Name);

        Assert.Equal(["todo-api", "pricing", "todo-worker"], config.ServiceNames);
        Assert.True(config.HasSeveralServices);
        Assert.All(services.Values, s => Assert.Equal("todo", s.App));
        Assert.Equal((ServiceKind.Web, 8080, 2), (services["todo-api"].Kind, services["todo-api"].Port, services["todo-api"].Scaling.Count));
        Assert.Equal((ServiceKind.Internal, 9090), (services["pricing"].Kind, services["pricing"].Port));
        Assert.Equal(new Dictionary<string, string> { ["CURRENCY"] = "EUR", ["LOG_LEVEL"] = "info" }, services["pricing"].Env);
        Assert.Equal("/pricing", services["pricing"].Secrets.Path);
        Assert.Equal("todo-worker", services["todo-worker"].Names.Service);
    }

    [Fact]
    public void A_worker_has_no_port_and_its_health_is_its_containers_command()
    {
        var worker = Configs.Service(App).ForEnvironment("local", "todo-worker");

        Assert.Equal(ServiceKind.Worker, worker.Kind);
        Assert.Null(worker.Port);
        Assert.Equal(1, worker.Scaling.Count);
        Assert.Equal(["dotnet", "TodoApi.dll", "--health"], worker.Health.Command);
        Assert.Equal(["dotnet", "TodoApi.dll", "--worker"], worker.Container.Command);
        Assert.False(worker.IsLoadBalanced);
    }

    [Fact]
    public void A_call_gives_the_caller_the_called_services_name_port_and_variable()
    {
        var config = Configs.Service(App);

        var call = Assert.Single(config.ForEnvironment("local", "todo-api").Calls);
        Assert.Equal(new ServiceCall("pricing", 9090, "PRICING_URL"), call);
        Assert.Empty(config.ForEnvironment("local", "pricing").Calls);
        Assert.Equal("TODO_WORKER_URL", ServiceCall.VariableFor("todo-worker"));
    }

    [Fact]
    public void Services_are_deployed_with_each_called_one_before_its_callers_and_otherwise_as_written()
    {
        var config = Configs.Service(App);

        Assert.Equal(["todo-api", "pricing", "todo-worker"], config.ServicesIn("local").Select(s => s.Name));
        Assert.Equal(["pricing", "todo-api", "todo-worker"], config.ServicesInDeployOrder("local").Select(s => s.Name));
    }

    [Fact]
    public void An_environment_applies_to_every_service_and_its_services_table_to_one()
    {
        var config = Configs.Service(App + Prod + "scaling = { count = 4 }\n[environments.prod.services.todo-worker]\nscaling = { count = 3 }\n");

        var prod = config.ServicesIn("prod").ToDictionary(s => s.Name);
        Assert.Equal(4, prod["todo-api"].Scaling.Count);
        Assert.Equal(4, prod["pricing"].Scaling.Count);
        Assert.Equal(3, prod["todo-worker"].Scaling.Count);
        Assert.Equal(1, config.ForEnvironment("local", "todo-worker").Scaling.Count);
    }

    [Fact]
    public void Asking_a_file_of_several_for_its_one_service_is_a_typed_error_naming_them()
    {
        var config = Configs.Service(App);

        var error = Assert.Throws<SeveralServicesException>(() => config.ForEnvironment("local"));
        Assert.Contains("todo-api, pricing, todo-worker", error.Message, StringComparison.Ordinal);
        Assert.Equal("name one with --service, e.g. --service todo-api", error.Hint);
        var unknown = Assert.Throws<UnknownServiceException>(() => config.ForEnvironment("local", "pricng"));
        Assert.Equal("did you mean \"pricing\"?", unknown.Hint);
    }

    [Fact]
    public void Autoscaling_on_requests_inherited_from_the_top_level_does_not_reach_a_worker()
    {
        var config = Configs.Service("""
            name = "todo"
            port = 8080
            scaling = { min = 2, max = 10, cpu = 60, requests = 500 }
            [services.todo-api]
            [services.todo-worker]
            kind = "worker"

            """);

        Assert.Equal(500, config.ForEnvironment("local", "todo-api").Scaling.RequestsPerTarget);
        var worker = config.ForEnvironment("local", "todo-worker").Scaling;
        Assert.Null(worker.RequestsPerTarget);
        Assert.Equal(60, worker.CpuTarget);
    }

    [Theory]
    [InlineData("name = \"todo\"\n[services.api]\nport = 80\n[services.job]\nkind = \"worker\"\nport = 8080\n", 6, "services.job.port", "a worker has no port")]
    [InlineData("name = \"todo\"\n[services.api]\nkind = \"internal\"\n", 2, "services.api.port", "required key is missing")]
    [InlineData("name = \"todo\"\nkind = \"worker\"\nport = 8080\n", 3, "port", "a worker has no port")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ncalls = [\"pricing\"]\n[services.prices]\nkind = \"internal\"\n", 4, "services.api.calls", "the app has no service \"pricing\"")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ncalls = [\"api\"]\n", 4, "services.api.calls", "a service does not call itself through the environment")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ncalls = [\"job\"]\n[services.job]\nkind = \"worker\"\n", 4, "services.api.calls", "\"job\" is a worker, which has no port to call")]
    [InlineData("name = \"todo\"\nport = 80\ncalls = [\"job\"]\n", 3, "calls", "a file of one service has no other service to call")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\nname = \"x\"\n", 4, "services.api.name", "\"name\" cannot be set for a service")]
    [InlineData("name = \"todo\"\nport = 80\n[services.Api]\n", 3, "services.Api", "service name")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\nkind = \"cron\"\n", 4, "services.api.kind", "\"cron\" is not one of \"web\", \"internal\", \"worker\"")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\n[services.job]\nkind = \"worker\"\nscaling = { min = 1, max = 4, requests = 100 }\n", 6, "services.job.scaling.requests", "a worker has no load balancer")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\n[environments.prod]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n[environments.prod.services.apix]\n", 7, "environments.prod.services.apix", "no such service in [services]")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\n[environments.prod]\naccount = \"111111111111\"\nregion = \"us-east-1\"\nkind = \"worker\"\n", 7, "environments.prod.kind", "\"kind\" cannot be set per environment")]
    [InlineData("name = \"todo\"\n[services.job]\nkind = \"worker\"\nhealth = { command = [\"check\"], interval = \"2m\", timeout = \"90s\" }\n", 4, "services.job.health.timeout", "a container health check waits at most 1m")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ncalls = [\"pricing\"]\nenv = { PRICING_URL = \"x\" }\n[services.pricing]\nkind = \"internal\"\n", 5, "services.api.env.PRICING_URL", "PRICING_URL is set by calls")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ncalls = [\"pricing\"]\n[services.pricing]\nkind = \"internal\"\ncalls = [\"api\"]\n", 7, "services.pricing.calls", "the services call each other in a circle (api -> pricing -> api)")]
    [InlineData("name = \"todo\"\nport = 80\n[services.a]\ncalls = [\"b\"]\n[services.b]\ncalls = [\"c\"]\n[services.c]\ncalls = [\"a\"]\n", 8, "services.c.calls", "(a -> b -> c -> a)")]
    public void Mistakes_are_reported_at_their_line_and_key(string text, int line, string key, string message)
    {
        var problems = Configs.Problems(text);

        Assert.Contains(problems, p => p.Line == line && p.KeyPath == key && p.Message.Contains(message, StringComparison.Ordinal));
    }
}
