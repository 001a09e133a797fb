using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>The example's fargo.toml loads, and every environment resolves to what its comments promise.</summary>
public sealed class ExampleConfigTests
{
    private static readonly string ExampleFolder = RepositoryRoot.Combine("examples", "todo-api");
    private static readonly string ExampleFile = Path.Combine(ExampleFolder, "fargo.toml");

    private const string Build = "dotnet publish src/TodoApi -c Release -o {out} && dotnet publish src/Sidecars/EdgeProxy -c Release -o {out}/edge-proxy";

    private static ServiceConfig Example() => Assert.IsType<ServiceConfig>(new ConfigLoader().Load(ExampleFile));

    [Fact]
    public void Example_has_local_qa_and_prod()
    {
        var config = Example();

        Assert.Equal("todo-api", config.Name);
        Assert.Equal(ExampleFile, config.SourcePath);
        Assert.Equal(["local", "qa", "prod"], config.EnvironmentNames);
    }

    [Fact]
    public void Example_is_an_app_of_the_api_with_its_edge_proxy_and_a_worker_on_its_database()
    {
        var config = Example();

        Assert.Equal(["todo-api", "todo-worker"], config.ServiceNames);
        Assert.Equal(["todo-api", "todo-worker"], config.ServicesInDeployOrder("local").Select(s => s.Name));
        foreach (var name in config.EnvironmentNames)
        {
            var api = config.ForEnvironment(name, "todo-api");
            var worker = config.ForEnvironment(name, "todo-worker");
            Assert.Equal(new LoadBalancerTarget("edge", 8081), api.Target);
            Assert.Equal((ServiceKind.Worker, (int?)null, (LoadBalancerTarget?)null), (worker.Kind, worker.Port, worker.Target));
            Assert.Equal("todo-api", worker.Database!.Owner);
            Assert.Equal(api.Database! with { Owner = "todo-api" }, worker.Database);
            Assert.Equal(1, worker.Scaling.Count);
            Assert.False(worker.Scaling.IsAutoscaled);
            Assert.Equal(new BucketSettings(false, false), worker.Buckets);
            Assert.Empty(worker.Sidecars);
            Assert.Empty(worker.Secrets.Explicit);
            Assert.Equal(["dotnet", "TodoApi.dll", "--health"], worker.Health.Command);
            Assert.Equal(Build, worker.Local!.Build);
        }

        var local = config.ForEnvironment("local", "todo-worker");
        Assert.Equal(["dotnet", "TodoApi.dll", "--worker"], local.Container.Command);
        Assert.Equal(("10s", "1h"), (local.Env["DIGEST_EVERY"], local.Env["STALE_AFTER"]));
        Assert.Equal(["--worker"], config.ForEnvironment("prod", "todo-worker").Container.Command);
    }

    [Fact]
    public void Local_runs_on_the_local_region_with_its_overrides()
    {
        var local = Example().ForEnvironment("local", "todo-api");

        Assert.Equal(new EnvironmentTarget("local", "000000000000", "local", RequiresApproval: false, IsLocal: true), local.Environment);
        Assert.Equal(8080, local.Port);
        Assert.Equal("Development", local.Env["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal(new ScalingSettings(2, 2, 2, null, null, null, 0), local.Scaling);
        Assert.Equal(new LocalSettings(Build, "dotnet TodoApi.dll"), local.Local);
        Assert.Equal(new DatabaseSettings("postgres", "todo", "16", "db.t4g.micro", 20, false), local.Database);
        Assert.Equal("fargo-local", local.Names.Cluster);
    }

    [Fact]
    public void Qa_takes_the_cheap_choices()
    {
        var qa = Example().ForEnvironment("qa", "todo-api");

        Assert.Equal(new EnvironmentTarget("qa", "111111111111", "us-east-1", RequiresApproval: false, IsLocal: false), qa.Environment);
        Assert.Equal(NatMode.SingleGateway, qa.Network.Nat);
        Assert.Equal("qa.todo.example.com", qa.Network.Domain);
        Assert.Equal("example.com", qa.Network.HostedZone);
        Assert.False(qa.Database!.MultiAz);
        Assert.Equal(new ScalingSettings(1, 1, 1, null, null, null, 3), qa.Scaling);
        Assert.False(qa.Scaling.IsAutoscaled);
        Assert.Equal(7, qa.Logs.RetentionDays);
        Assert.Equal(new ResourceSettings(256, 512, CpuArchitecture.X86_64), qa.Resources);
        Assert.Equal(new BucketSettings(false, false), qa.Buckets);
        Assert.Equal("Production", qa.Env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Prod_uses_every_option()
    {
        var prod = Example().ForEnvironment("prod", "todo-api");

        Assert.Equal(new EnvironmentTarget("prod", "222222222222", "us-east-1", RequiresApproval: true, IsLocal: false), prod.Environment);
        Assert.Equal(new ScalingSettings(4, 4, 20, 60, null, null, 0), prod.Scaling);
        Assert.True(prod.Scaling.IsAutoscaled);
        Assert.Equal(new ResourceSettings(512, 1024, CpuArchitecture.X86_64), prod.Resources);
        Assert.Equal(new NetworkSettings(true, "todo.example.com", "example.com", null, NatMode.PerAz, null), prod.Network with { SecurityGroups = NetworkSettings.None });
        Assert.Equal(["sg-0a1b2c3d4e5f60718"], prod.Network.SecurityGroups);
        Assert.Equal(new DatabaseSettings("postgres", "todo", "16", "db.t4g.small", 50, true), prod.Database);
        Assert.Equal(new BucketSettings(true, true), prod.Buckets);
        Assert.Equal(90, prod.Logs.RetentionDays);
        Assert.Equal("Production", prod.Env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Every_environment_shares_the_top_level_settings()
    {
        var config = Example();
        foreach (var name in config.EnvironmentNames)
        {
            var settings = config.ForEnvironment(name, "todo-api");

            Assert.Equal("todo-api", settings.Name);
            Assert.Equal(new HealthSettings("/_health", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, 3, TimeSpan.FromSeconds(30), "200-399"), settings.Health);
            Assert.Equal(new DeploySettings(100, 200, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15), true, true), settings.Deploy);
            Assert.Equal("/todo-api", settings.Secrets.Path);
            Assert.Equal("/shared/todo/api-key", Assert.Single(settings.Secrets.Explicit, s => s.Key == "API_KEY").Value);
            Assert.Equal(new ImageSettings("Dockerfile", ExampleFolder), settings.Image);
            Assert.Equal(ResourceNaming.For("todo-api", name), settings.Names);
        }
    }

    [Fact]
    public void Example_builds_what_exists_in_its_folder()
    {
        var local = Example().ForEnvironment("local", "todo-api");

        // The paths the example names are relative to its folder, where the service's project and Dockerfile are.
        Assert.True(File.Exists(Path.Combine(local.Image.Context, local.Image.Dockerfile)));
        Assert.True(Directory.Exists(Path.Combine(local.Image.Context, "src", "TodoApi")));
    }
}
