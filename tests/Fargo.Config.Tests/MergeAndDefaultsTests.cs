using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>Defaults, and how an environment's overrides deep-merge over the top level.</summary>
public sealed class MergeAndDefaultsTests
{
    private const string Qa = "[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n";

    [Fact]
    public void Minimal_file_gets_every_default()
    {
        var config = Configs.Service(Configs.Minimal);
        var local = config.ForEnvironment("local");

        Assert.Equal(["local"], config.EnvironmentNames);
        Assert.Equal(new ResourceSettings(256, 512, CpuArchitecture.X86_64), local.Resources);
        Assert.Equal(new HealthSettings("/_health", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, 3, TimeSpan.FromSeconds(30), "200-399"), local.Health);
        Assert.Equal(new ScalingSettings(1, 1, 1, null, null, null, 0), local.Scaling);
        Assert.Equal(new DeploySettings(100, 200, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15), CircuitBreaker: true, Rollback: true), local.Deploy);
        Assert.Equal("/api", local.Secrets.Path);
        Assert.Empty(local.Secrets.Explicit);
        Assert.Empty(local.Env);
        Assert.Null(local.Database);
        Assert.Null(local.Local);
        Assert.Equal(new NetworkSettings(true, null, null, null, NatMode.PerAz, null), local.Network);
        Assert.Equal(30, local.Logs.RetentionDays);
        Assert.Equal(new BucketSettings(false, false), local.Buckets);
        Assert.Equal("Dockerfile", local.Image.Dockerfile);
    }

    [Fact]
    public void Memory_defaults_to_the_smallest_size_the_cpu_allows()
    {
        var settings = Configs.Service(Configs.Minimal + "[resources]\ncpu = 1024\nplatform = \"arm64\"\n").ForEnvironment("local");

        Assert.Equal(new ResourceSettings(1024, 2048, CpuArchitecture.Arm64), settings.Resources);
        Assert.Equal("linux/arm64", settings.Resources.Platform);
    }

    [Fact]
    public void Database_table_alone_turns_on_a_database_with_defaults()
    {
        var settings = Configs.Service("name = \"todo-api\"\nport = 80\n[database]\n").ForEnvironment("local");

        Assert.Equal(new DatabaseSettings("postgres", "todo_api", "16", "db.t4g.micro", 20, false), settings.Database);
    }

    [Fact]
    public void Turning_the_circuit_breaker_off_turns_rollback_off()
    {
        var deploy = Configs.Service(Configs.Minimal + "[deploy]\ncircuit_breaker = false\n").ForEnvironment("local").Deploy;

        Assert.False(deploy.CircuitBreaker);
        Assert.False(deploy.Rollback);
    }

    [Fact]
    public void Tables_merge_key_by_key_at_every_depth()
    {
        var config = Configs.Service(Configs.Minimal + """
            [health]
            path = "/ready"
            interval = "20s"
            [env]
            A = "top"
            B = "top"
            [environments.qa]
            account = "111111111111"
            region = "us-east-1"
            health = { interval = "30s" }
            [environments.qa.env]
            B = "qa"
            C = "qa"

            """);

        var local = config.ForEnvironment("local");
        var qa = config.ForEnvironment("qa");

        Assert.Equal(("/ready", TimeSpan.FromSeconds(20)), (local.Health.Path, local.Health.Interval));
        Assert.Equal(("/ready", TimeSpan.FromSeconds(30)), (qa.Health.Path, qa.Health.Interval));
        Assert.Equal(new Dictionary<string, string> { ["A"] = "top", ["B"] = "top" }, local.Env);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "top", ["B"] = "qa", ["C"] = "qa" }, qa.Env);
    }

    [Fact]
    public void Inline_table_and_header_table_override_the_same_way()
    {
        var inline = Configs.Service(Configs.Minimal + "[scaling]\nspot_weight = 2\n" + Qa + "scaling = { min = 4, max = 20, cpu = 60 }\n");
        var header = Configs.Service(Configs.Minimal + "[scaling]\nspot_weight = 2\n" + Qa + "[environments.qa.scaling]\nmin = 4\nmax = 20\ncpu = 60\n");
        var dotted = Configs.Service(Configs.Minimal + "[scaling]\nspot_weight = 2\n" + Qa + "scaling.min = 4\nscaling.max = 20\nscaling.cpu = 60\n");

        var expected = new ScalingSettings(4, 4, 20, 60, null, null, 2);
        Assert.Equal(expected, inline.ForEnvironment("qa").Scaling);
        Assert.Equal(expected, header.ForEnvironment("qa").Scaling);
        Assert.Equal(expected, dotted.ForEnvironment("qa").Scaling);
    }

    [Fact]
    public void Environment_with_min_and_max_replaces_an_inherited_count()
    {
        var config = Configs.Service(Configs.Minimal + "[scaling]\ncount = 2\n" + Qa + "scaling = { min = 4, max = 20, cpu = 60 }\n");

        Assert.Equal(new ScalingSettings(2, 2, 2, null, null, null, 0), config.ForEnvironment("local").Scaling);
        Assert.Equal(new ScalingSettings(4, 4, 20, 60, null, null, 0), config.ForEnvironment("qa").Scaling);
    }

    [Fact]
    public void Environment_with_a_count_replaces_inherited_autoscaling()
    {
        var config = Configs.Service(Configs.Minimal + "[scaling]\nmin = 2\nmax = 10\nrequests = 1000\n" + Qa + "scaling = { count = 1 }\n");

        Assert.Equal(new ScalingSettings(2, 2, 10, null, null, 1000, 0), config.ForEnvironment("local").Scaling);
        Assert.Equal(new ScalingSettings(1, 1, 1, null, null, null, 0), config.ForEnvironment("qa").Scaling);
    }

    [Fact]
    public void An_override_is_validated_in_its_environment_only()
    {
        // qa's own override breaks the rule; local, without it, is fine, so the error names qa's key.
        var problem = Assert.Single(Configs.Problems(Configs.Minimal + "[resources]\ncpu = 512\n" + Qa + "resources = { memory = 512 }\n"));

        Assert.Equal("environments.qa.resources.memory", problem.KeyPath);
        Assert.Equal("512 is not a valid memory size for cpu 512 (valid: 1024-4096 in steps of 1024)", problem.Message);
        Assert.Equal("cpu 512 comes from resources.cpu; memory 512 needs cpu 256", problem.Hint);
    }

    [Fact]
    public void A_top_level_problem_is_reported_once_not_once_per_environment()
    {
        var problems = Configs.Problems(Configs.Minimal + "[scaling]\nmin = 5\nmax = 3\ncpu = 50\n" + Qa + "[environments.prod]\naccount = \"222222222222\"\nregion = \"us-east-1\"\n");

        Assert.Equal("scaling.min", Assert.Single(problems).KeyPath);
    }

    [Fact]
    public void Local_environment_can_be_overridden_and_is_listed_once()
    {
        var config = Configs.Service(Configs.Minimal + Qa + "[environments.local]\nrequires_approval = true\nscaling = { count = 3 }\n");

        Assert.Equal(["local", "qa"], config.EnvironmentNames);
        var local = config.ForEnvironment("local");
        Assert.True(local.Environment.IsLocal);
        Assert.True(local.Environment.RequiresApproval);
        Assert.Equal(3, local.Scaling.Count);
    }

    [Fact]
    public void Unknown_environment_lists_the_known_ones_and_suggests_the_closest()
    {
        var config = Configs.Service(Configs.Minimal + Qa + "[environments.prod]\naccount = \"222222222222\"\nregion = \"us-east-1\"\n");

        var error = Assert.Throws<UnknownEnvironmentException>(() => config.ForEnvironment("prd"));

        Assert.Equal("prd", error.Environment);
        Assert.Equal(["local", "qa", "prod"], error.KnownEnvironments);
        Assert.Equal("fargo.toml has no environment \"prd\"; its environments are: local, qa, prod.", error.Message);
        Assert.Equal("did you mean \"prod\"?", error.Hint);
        Assert.False(config.HasEnvironment("prd"));
    }
}
