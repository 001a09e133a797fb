using System.CommandLine;
using System.Text.Json;
using Fargo.Cli.Commands;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>What a command body throws becomes the exit code and message of <see cref="ExceptionMapper"/>.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ctrl_C_cancels_the_command_and_exits_130()
    {
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = RunBody(
            async (_, token) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            cancellation: cancellation.Token);
        await started.Task;
        await cancellation.CancelAsync();

        var result = await run;

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Interrupted", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_operation_exits_1_with_its_hint()
    {
        var result = await RunBody((_, _) => throw new OperationFailedException("The deploy failed.", "Look at the stopped tasks."));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: The deploy failed.", result.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Look at the stopped tasks.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bug_exits_1_says_so_and_shows_details_only_with_verbose()
    {
        var quiet = await RunBody((_, _) => throw new InvalidOperationException("boom"));
        var verbose = await RunBody((_, _) => throw new InvalidOperationException("boom"), args: ["--verbose"]);

        Assert.Equal(1, quiet.ExitCode);
        Assert.Contains("Internal error: InvalidOperationException: boom", quiet.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_json_on_stderr_when_json_is_asked_for()
    {
        var result = await RunBody((_, _) => throw new UsageException("Bad.", "Run `fargo up` & retry."), args: ["--output", "json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("\"hint\": \"Run `fargo up` & retry.\"", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Error);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("usage", error.GetProperty("kind").GetString());
        Assert.Equal("Bad.", error.GetProperty("message").GetString());
        Assert.Equal("Run `fargo up` & retry.", error.GetProperty("hint").GetString());
    }

    [Fact]
    public void Exceptions_map_to_the_documented_exit_codes()
    {
        Assert.Equal(2, ExceptionMapper.Map(new Config.ConfigException([new Config.ConfigDiagnostic("f", 1, 1, "k", "m")]), default).ExitCode);
        Assert.Equal(2, ExceptionMapper.Map(new Config.UnknownEnvironmentException("x", ["local"], "f"), default).ExitCode);
        Assert.Equal(2, ExceptionMapper.Map(new Deploy.Rendering.TaskDefinitionRenderException("m"), default).ExitCode);
        Assert.Equal(2, ExceptionMapper.Map(new Aws.Credentials.AwsCredentialsException("no credentials"), default).ExitCode);
        Assert.Equal(1, ExceptionMapper.Map(new Aws.AwsServiceException("ECS", "UpdateService", "ServiceNotFoundException", "m", "r", 400), default).ExitCode);
        Assert.Equal(1, ExceptionMapper.Map(new IOException("disk full"), default).ExitCode);
        Assert.Equal(2, ExceptionMapper.Map(new Deploy.DeployUsageException("not here"), default).ExitCode);
        Assert.Equal(1, ExceptionMapper.Map(new Deploy.WrongAccountException("qa", "1", "2", null), default).ExitCode);
        Assert.Equal(2, ExceptionMapper.Map(new Aws.AwsConfigurationException("bad endpoint"), default).ExitCode);
        Assert.Equal(1, ExceptionMapper.Map(new OperationCanceledException(), default).ExitCode);
        Assert.Equal(130, ExceptionMapper.Map(new OperationCanceledException(), new CancellationToken(canceled: true)).ExitCode);
    }

    // Runs a one-off command, registered the way every command is, through the whole CLI pipeline.
    private async Task<CliResult> RunBody(Func<CommandContext, CancellationToken, Task<int>> body, string[]? args = null, CancellationToken cancellation = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = FargoCli.HostFor(_folder.Path, output, error);
        var services = new CommandServices(host, new GlobalOptions());
        var root = FargoApp.CreateRootCommand(services);
        var probe = new Command("probe", "A command for this test.");
        services.SetAction(probe, body);
        root.Subcommands.Add(probe);

        var exitCode = await root.Parse(["probe", .. args ?? []]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
