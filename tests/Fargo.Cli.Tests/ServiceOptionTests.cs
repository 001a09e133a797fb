using System.Text.Json;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>--service picks one service of a fargo.toml that declares several; without it such a file is a usage error naming them.</summary>
public sealed class ServiceOptionTests : IDisposable
{
    private const string App = """
        name = "todo"
        port = 8080
        [local]
        command = "dotnet TodoApi.dll"
        [services.todo-api]
        calls = ["pricing"]
        [services.pricing]
        kind = "internal"
        port = 9090
        [services.todo-worker]
        kind = "worker"

        """;

    private readonly TempFolder _folder = new();

    public ServiceOptionTests() => _folder.Write("fargo.toml", App);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Render_config_shows_the_service_named_with_its_kind_and_calls()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "config", "--service", "todo-api");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("todo-api", json.GetProperty("name").GetString());
        Assert.Equal("todo", json.GetProperty("app").GetString());
        Assert.Equal("web", json.GetProperty("kind").GetString());
        var call = json.GetProperty("calls")[0];
        Assert.Equal(("pricing", 9090, "PRICING_URL"), (call.GetProperty("service").GetString(), call.GetProperty("port").GetInt32(), call.GetProperty("variable").GetString()));
    }

    [Fact]
    public async Task A_file_of_several_services_without_service_is_a_usage_error_naming_them()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("todo-api, pricing, todo-worker", result.Error, StringComparison.Ordinal);
        Assert.Contains("--service todo-api", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_service_is_a_usage_error_with_a_suggestion()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "config", "--service", "pricng");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean \"pricing\"?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_taskdef_of_a_worker_has_no_port()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--service", "todo-worker", "--image", "000000000000.dkr.ecr.local.localhost/todo-worker:v1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var container = JsonDocument.Parse(result.Out).RootElement.GetProperty("containerDefinitions")[0];
        Assert.Equal("todo-worker", container.GetProperty("name").GetString());
        Assert.False(container.TryGetProperty("portMappings", out _));
    }
}
