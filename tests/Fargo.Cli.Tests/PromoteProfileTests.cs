using Fargo.Cli.Rendering;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>
/// `fargo promote --from-profile`: the source environment is read with credentials of its own (in CI the previous
/// environment's read-only role), the destination with the default ones. Checked offline: a profile that does not exist
/// fails before anything is sent, and the error names the profile that was used for the source.
/// </summary>
public sealed class PromoteProfileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public PromoteProfileTests()
    {
        _folder.Write("fargo.toml", Configs.Valid);
        _folder.Write("home/.aws/config", "[profile deploy]\nregion = us-east-1\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_source_is_read_with_the_from_profile()
    {
        var result = await RunAsync("promote", "--from", "qa", "--to", "prod", "--profile", "deploy", "--from-profile", "qa-read");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'qa-read'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("'deploy'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_it_both_sides_use_the_profile()
    {
        var result = await RunAsync("promote", "--from", "qa", "--to", "prod", "--profile", "elsewhere");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'elsewhere'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_an_app_promote_goes_service_by_service_called_ones_first_and_names_the_one_that_failed()
    {
        _folder.Write("fargo.toml", Configs.App);

        var result = await RunAsync("promote", "--from", "qa", "--to", "prod", "--profile", "deploy", "--from-profile", "qa-read");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'qa-read'", result.Error, StringComparison.Ordinal);
        Assert.Contains("pricing failed (none before it); the 1 service(s) after it were not attempted.", result.Error, StringComparison.Ordinal);
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var home = _folder.File("home");
        var host = new CliHost(
            TerminalConsoles.Create(output, TerminalTraits.Plain),
            TerminalConsoles.Create(error, TerminalTraits.Plain),
            _folder.Path,
            name => name == "HOME" ? home : null);
        var exitCode = await FargoApp.RunAsync(args, host, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
