using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[database] env: the app's own variable names for the generated credentials.</summary>
public sealed class DatabaseVariablesTests
{
    [Fact]
    public void Without_env_the_task_gets_the_five_default_variables()
    {
        var database = Configs.Service(Configs.Minimal + "[database]\n").ForEnvironment("local").Database!;

        Assert.Equal(
            [("DB_HOST", "host"), ("DB_PORT", "port"), ("DB_NAME", "dbname"), ("DB_USER", "username"), ("DB_PASSWORD", "password")],
            database.Variables.Select(v => (v.Key, v.Value)));
    }

    [Fact]
    public void The_app_s_names_replace_the_defaults_and_an_environment_adds_to_them()
    {
        var config = Configs.Service(Configs.Minimal + """
            [database]
            env = { DB_PWD = "password", DB_USER_NAME = "username" }

            [environments.qa]
            account = "111111111111"
            region = "us-east-1"
            database = { env = { DATABASE_URL = "url" } }
            """);

        Assert.Equal(
            new Dictionary<string, string> { ["DB_PWD"] = "password", ["DB_USER_NAME"] = "username" },
            config.ForEnvironment("local").Database!.Variables);
        Assert.Equal(
            new Dictionary<string, string> { ["DATABASE_URL"] = "url", ["DB_PWD"] = "password", ["DB_USER_NAME"] = "username" },
            config.ForEnvironment("qa").Database!.Variables);
    }

    [Fact]
    public void A_default_name_is_free_for_the_app_once_env_names_others()
    {
        var settings = Configs.Service(Configs.Minimal + "[database]\nenv = { DB_PWD = \"password\" }\n[env]\nDB_HOST = \"set by hand\"\n").ForEnvironment("local");

        Assert.Equal("set by hand", settings.Env["DB_HOST"]);
        Assert.Equal(DatabaseFields.Password, settings.Database!.Variables["DB_PWD"]);
    }
}
