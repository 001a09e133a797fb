using System.Text.Json;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>The built tool run as its own process, as a shell or CI runs it: exit codes and streams.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Help_exits_0_and_names_the_tool()
    {
        var result = await FargoProcess.RunAsync(_folder.Path, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fargo [command] [options]", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_validate_and_render_work_end_to_end()
    {
        _folder.Write("src/Web/Web.csproj", Projects.WebCsproj);

        var init = await FargoProcess.RunAsync(_folder.Path, "init");
        var again = await FargoProcess.RunAsync(_folder.Path, "init");
        var validate = await FargoProcess.RunAsync(_folder.Path, "validate");
        var render = await FargoProcess.RunAsync(_folder.Path, "render", "taskdef", "--output", "json");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Equal(0, render.ExitCode);
        using var json = JsonDocument.Parse(render.Out);
        Assert.Equal("web-local", json.RootElement.GetProperty("family").GetString());
    }

    [Fact]
    public async Task A_broken_file_exits_2_with_located_problems_on_stderr()
    {
        _folder.Write("fargo.toml", Configs.Broken);

        var result = await FargoProcess.RunAsync(_folder.Path, "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fargo.toml:2:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_exits_2()
    {
        var result = await FargoProcess.RunAsync(_folder.Path, "no-such-command");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-command", result.Error, StringComparison.Ordinal);
    }
}
