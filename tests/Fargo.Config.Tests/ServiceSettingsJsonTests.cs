using System.Text.Json;
using Fargo.Config.Json;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>`fargo render config`: the effective configuration as JSON.</summary>
public sealed class ServiceSettingsJsonTests
{
    [Fact]
    public void Effective_configuration_reads_like_the_file()
    {
        var config = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(RepositoryRoot.Combine("examples", "todo-api", "fargo.toml")));

        using var json = JsonDocument.Parse(ServiceSettingsJson.Serialize(config.ForEnvironment("prod", "todo-api")));
        var root = json.RootElement;

        Assert.Equal("todo-api", root.GetProperty("name").GetString());
        Assert.Equal("prod", root.GetProperty("environment").GetProperty("name").GetString());
        Assert.True(root.GetProperty("environment").GetProperty("requiresApproval").GetBoolean());
        Assert.Equal("10s", root.GetProperty("health").GetProperty("interval").GetString());
        Assert.Equal("15m", root.GetProperty("deploy").GetProperty("timeout").GetString());
        Assert.Equal("per-az", root.GetProperty("network").GetProperty("nat").GetString());
        Assert.Equal("x86_64", root.GetProperty("resources").GetProperty("architecture").GetString());
        Assert.Equal("linux/amd64", root.GetProperty("resources").GetProperty("platform").GetString());
        Assert.Equal(20, root.GetProperty("scaling").GetProperty("max").GetInt32());
        Assert.Equal("Production", root.GetProperty("env").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal("/shared/todo/api-key", root.GetProperty("secrets").GetProperty("explicit").GetProperty("API_KEY").GetString());
        Assert.Equal("/fargo/prod/todo-api", root.GetProperty("names").GetProperty("logGroup").GetString());
    }

    [Fact]
    public void Single_nat_and_absent_sections_are_written_plainly()
    {
        var settings = Configs.Service(Configs.Minimal + "[network]\nnat = \"single\"\n").ForEnvironment("local");

        using var json = JsonDocument.Parse(ServiceSettingsJson.Serialize(settings));

        Assert.Equal("single", json.RootElement.GetProperty("network").GetProperty("nat").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("database").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("local").ValueKind);
    }

    [Fact]
    public void Diagnostics_serialize_with_their_location()
    {
        var problems = Configs.Problems("name = \"api\"\nport = 0\n");

        using var json = JsonDocument.Parse(ServiceSettingsJson.Serialize(problems));

        var problem = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("fargo.toml", problem.GetProperty("file").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal(8, problem.GetProperty("column").GetInt32());
        Assert.Equal("port", problem.GetProperty("keyPath").GetString());
    }
}
