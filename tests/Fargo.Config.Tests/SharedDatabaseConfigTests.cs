using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>A service that uses another service's database: database = { service = "…" }, its order and its mistakes.</summary>
public sealed class SharedDatabaseConfigTests
{
    private const string App = """
        name = "todo"
        port = 8080
        [database]
        name = "todo"
        version = "16"
        [services.todo-worker]
        kind = "worker"
        [services.todo-worker.database]
        service = "todo-api"
        env = { DATABASE_URL = "url" }
        [services.todo-api]
        [environments.prod]
        account = "111111111111"
        region = "us-east-1"
        [environments.prod.database]
        instance_class = "db.t4g.small"
        multi_az = true

        """;

    [Fact]
    public void The_user_gets_the_owners_instance_in_every_environment_with_its_own_variables()
    {
        var config = Configs.Service(App);

        foreach (var environment in new[] { "local", "prod" })
        {
            var owner = config.ForEnvironment(environment, "todo-api").Database!;
            var user = config.ForEnvironment(environment, "todo-worker").Database!;
            Assert.Null(owner.Owner);
            Assert.Equal("todo-api", user.Owner);
            Assert.Equal(
                (owner.Engine, owner.Name, owner.Version, owner.InstanceClass, owner.StorageGiB, owner.MultiAz),
                (user.Engine, user.Name, user.Version, user.InstanceClass, user.StorageGiB, user.MultiAz));
            Assert.Equal(DatabaseSettings.DefaultVariables, owner.Variables);
            Assert.Equal(new Dictionary<string, string> { ["DATABASE_URL"] = "url" }, user.Variables);
        }

        Assert.Equal(("db.t4g.small", true), (config.ForEnvironment("prod", "todo-worker").Database!.InstanceClass, config.ForEnvironment("prod", "todo-worker").Database!.MultiAz));
    }

    [Fact]
    public void The_owner_is_deployed_before_its_users_though_written_after_them()
    {
        var config = Configs.Service(App);

        Assert.Equal(["todo-worker", "todo-api"], config.ServicesIn("local").Select(s => s.Name));
        Assert.Equal(["todo-api", "todo-worker"], config.ServicesInDeployOrder("local").Select(s => s.Name));
        Assert.Equal(["todo-api"], config.ForEnvironment("local", "todo-worker").Needs);
    }

    [Fact]
    public void Without_service_each_service_inheriting_the_apps_database_has_its_own()
    {
        var config = Configs.Service("name = \"todo\"\nport = 8080\n[database]\n[services.a]\n[services.b]\n");

        Assert.Equal(("a", "b"), (config.ForEnvironment("local", "a").Database!.Name, config.ForEnvironment("local", "b").Database!.Name));
        Assert.All(config.ServicesIn("local"), s => Assert.Null(s.Database!.Owner));
    }

    [Theory]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ndatabase = {}\n[services.job]\nkind = \"worker\"\ndatabase = { service = \"apx\" }\n", 7, "services.job.database.service", "the app has no service \"apx\"", "did you mean \"api\"?")]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ndatabase = { service = \"api\" }\n", 4, "services.api.database.service", "a service's database is its own already", null)]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\n[services.web]\ndatabase = {}\n[services.job]\nkind = \"worker\"\ndatabase = { service = \"api\" }\n", 8, "services.job.database.service", "\"api\" has no database of its own to share", "the services with one: web")]
    [InlineData("name = \"todo\"\nport = 80\n[database]\nservice = \"api\"\n[services.api]\n", 4, "database.service", "the database's service is set per service", null)]
    [InlineData("name = \"todo\"\nport = 80\n[database]\n[services.api]\n[services.job]\nkind = \"worker\"\ndatabase = { service = \"api\", instance_class = \"db.t4g.large\" }\n", 7, "services.job.database.instance_class", "the database is api's: its instance_class is set there", null)]
    [InlineData("name = \"todo\"\nport = 80\n[database]\n[services.api]\n[services.job]\nkind = \"worker\"\ndatabase = { service = \"api\" }\n[environments.prod]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n[environments.prod.services.job.database]\nstorage = 100\n", 12, "environments.prod.services.job.database.storage", "the database is api's: its storage is set there", null)]
    [InlineData("name = \"todo\"\nport = 80\n[database]\n[services.api]\n[services.job]\nkind = \"worker\"\n[environments.prod]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n[environments.prod.services.job.database]\nservice = \"api\"\n", 11, "environments.prod.services.job.database.service", "which database a service uses is the same in every environment", null)]
    [InlineData("name = \"todo\"\nport = 80\n[services.api]\ncalls = [\"pricing\"]\ndatabase = {}\n[services.pricing]\nkind = \"internal\"\ndatabase = { service = \"api\" }\n", 8, "services.pricing.database.service", "the services need each other in a circle (api -> pricing -> api)", null)]
    public void Mistakes_are_reported_at_their_line_and_key(string text, int line, string key, string message, string? hint)
    {
        var problems = Configs.Problems(text);

        Assert.Contains(problems, p => p.Line == line && p.KeyPath == key && p.Message.Contains(message, StringComparison.Ordinal) && (hint is null || p.Hint == hint));
    }
}
