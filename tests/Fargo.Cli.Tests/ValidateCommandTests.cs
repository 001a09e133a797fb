using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_good_file_is_ok_for_every_environment()
    {
        _folder.Write("fargo.toml", Configs.Valid);

        var result = await FargoCli.RunAsync(_folder.Path, "validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fargo.toml: valid for 3 environments", result.Out, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"ok\s+local\s+the local region"), result.Out);
        Assert.Matches(new Regex(@"ok\s+qa\s+account 111111111111, eu-west-1"), result.Out);
        Assert.Matches(new Regex(@"ok\s+prod\s+account 222222222222, us-east-1, requires approval"), result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_broken_file_gets_every_problem_located_and_exit_code_2()
    {
        _folder.Write("fargo.toml", Configs.Broken);

        var result = await FargoCli.RunAsync(_folder.Path, "validate");

        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Error.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("fargo.toml:2:", StringComparison.Ordinal) && l.Contains(": port: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("fargo.toml:6:", StringComparison.Ordinal) && l.Contains(": resources.memory: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("fargo.toml:8:", StringComparison.Ordinal) && l.Contains("helth", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("fargo.toml:12:", StringComparison.Ordinal) && l.Contains(": environments.qa.account: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("hint: ", StringComparison.Ordinal) && l.Contains("health", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"error: The configuration has \d+ errors\."), result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Problems_are_located_in_the_file_given_with_config()
    {
        _folder.Write("deploy/service.toml", Configs.Broken);

        var result = await FargoCli.RunAsync(_folder.Path, "validate", "--config", "deploy/service.toml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("deploy/service.toml:2:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_report_lists_environments_or_problems_on_stdout()
    {
        _folder.Write("good/fargo.toml", Configs.Valid);
        _folder.Write("bad/fargo.toml", Configs.Broken);

        var good = await FargoCli.RunAsync(_folder.File("good"), "validate", "-o", "json");
        var bad = await FargoCli.RunAsync(_folder.File("bad"), "validate", "-o", "json");

        Assert.Equal(0, good.ExitCode);
        using var goodJson = JsonDocument.Parse(good.Out);
        Assert.True(goodJson.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("full", goodJson.RootElement.GetProperty("format").GetString());
        Assert.Equal(["local", "qa", "prod"], goodJson.RootElement.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.True(goodJson.RootElement.GetProperty("environments")[2].GetProperty("requiresApproval").GetBoolean());

        Assert.Equal(2, bad.ExitCode);
        using var badJson = JsonDocument.Parse(bad.Out);
        Assert.False(badJson.RootElement.GetProperty("valid").GetBoolean());
        var problems = badJson.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.True(problems.Count >= 4);
        var port = problems.Single(p => p.GetProperty("key").GetString() == "port");
        Assert.Equal(2, port.GetProperty("line").GetInt32());
        Assert.Equal(_folder.File("bad/fargo.toml"), port.GetProperty("file").GetString());
    }

    [Fact]
    public async Task A_flat_file_is_validated_as_one_existing_service()
    {
        _folder.Write("config.toml", Configs.Flat);

        var result = await FargoCli.RunAsync(_folder.Path, "validate", "--config", "config.toml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("flat deploy file for service billing in cluster apps", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_service_config_is_valid()
    {
        var result = await FargoCli.RunAsync(Repository.Example, "validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(new Regex(@"ok\s+qa"), result.Out);
        Assert.Matches(new Regex(@"ok\s+prod"), result.Out);
    }

    [Fact]
    public async Task The_nearest_fargo_toml_above_the_working_directory_is_used()
    {
        _folder.Write("fargo.toml", Configs.Valid);
        Directory.CreateDirectory(_folder.File("src/deep/er"));

        var result = await FargoCli.RunAsync(_folder.File("src/deep/er"), "validate");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Without_any_fargo_toml_it_is_a_usage_error_that_suggests_init()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No fargo.toml", result.Error, StringComparison.Ordinal);
        Assert.Contains("fargo init", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_path_that_does_not_exist_is_a_usage_error()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "validate", "--config", "nope.toml", "--output", "json");

        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(result.Error);
        Assert.Equal("usage", json.RootElement.GetProperty("error").GetProperty("kind").GetString());
    }
}
