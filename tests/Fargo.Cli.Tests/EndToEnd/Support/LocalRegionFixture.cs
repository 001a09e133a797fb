using System.Globalization;
using System.Text;
using System.Text.Json;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd.Support;

/// <summary>
/// A real local region for the end-to-end tests: its own FARGO_HOME (a temporary folder), an engine on a free port
/// started by the first `fargo` command that needs it, ECS's timings scaled down so rollouts take seconds, and the
/// official AWS CLI pointed at it. Every output of every command is kept, so tests can check what was never printed.
/// </summary>
public sealed class LocalRegionFixture : IAsyncLifetime
{
    /// <summary>ECS's durations (grace periods, health check intervals, stop timeouts) run at this fraction.</summary>
    public const string TimeScale = "0.25";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);
    private readonly StringBuilder _transcript = new();
    private readonly Lock _gate = new();

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "fargo-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Everything every command printed (stdout and stderr), in order.</summary>
    public string Transcript
    {
        get
        {
            lock (_gate)
            {
                return _transcript.ToString();
            }
        }
    }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["FARGO_HOME"] = Home,
        ["FARGO_LOCAL_PORT"] = "0",
        ["FARGO_LOCAL_TIME_SCALE"] = TimeScale,
        ["FARGO_LOCAL_TICK_MS"] = "200",
        ["NO_COLOR"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        // Whatever AWS setup the machine has must not leak into the local region's commands.
        ["AWS_PROFILE"] = null,
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_ENDPOINT_URL"] = null,
    };

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await FargoAsync(Path.GetTempPath(), "local", "stop");
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A database process may still hold a file for a moment; the folder is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
            // PostgreSQL's data folder belongs to its unprivileged user when the tests run as root.
        }
    }

    /// <summary>Runs `fargo ARGS` in <paramref name="workingDirectory"/>.</summary>
    public Task<CliResult> FargoAsync(string workingDirectory, params string[] args) => FargoWithInputAsync(workingDirectory, null, args);

    public async Task<CliResult> FargoWithInputAsync(string workingDirectory, string? standardInput, params string[] args)
    {
        var result = await E2eProcess.RunAsync("dotnet", [E2eProcess.FargoAssembly, .. args], workingDirectory, Environment, CommandTimeout, standardInput);
        Record($"fargo {string.Join(' ', args)}", result);
        return result;
    }

    /// <summary>Runs `fargo ARGS` and presses Ctrl-C (SIGINT) once its output has a line containing <paramref name="interruptAfter"/>.</summary>
    public async Task<CliResult> FargoInterruptedAsync(string workingDirectory, string interruptAfter, params string[] args)
    {
        var result = await E2eProcess.RunAndInterruptAsync("dotnet", [E2eProcess.FargoAssembly, .. args], workingDirectory, Environment, interruptAfter, CommandTimeout);
        Record($"fargo {string.Join(' ', args)} (Ctrl-C after \"{interruptAfter}\")", result);
        return result;
    }

    /// <summary>Runs `/usr/bin/aws ARGS` against the local region, with its endpoint and key from `fargo local env`.</summary>
    public async Task<CliResult> AwsAsync(params string[] args)
    {
        var env = await FargoAsync(Path.GetTempPath(), "local", "env", "--output", "json");
        Assert.True(env.ExitCode == 0, env.ToString());
        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(env.Out)!;
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        environment["AWS_CONFIG_FILE"] = "/dev/null";
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        environment["AWS_PAGER"] = "";
        var result = await E2eProcess.RunAsync(
            "/usr/bin/aws",
            [.. args, "--endpoint-url", variables["AWS_ENDPOINT_URL"], "--region", "local", "--output", "json"],
            Path.GetTempPath(),
            environment,
            TimeSpan.FromMinutes(2));
        Record($"aws {string.Join(' ', args)}", result);
        return result;
    }

    /// <summary>Runs `/usr/bin/aws ARGS` against the local region as a test's setup: it must succeed.</summary>
    public async Task<CliResult> AwsSetUpAsync(params string[] args)
    {
        var result = await AwsAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Calls the local region through Fargo.Aws's clients, with the endpoint and key `fargo local env` prints.</summary>
    public async Task<T> AwsClientAsync<T>(Func<Fargo.Aws.Http.AwsHttpClient, CancellationToken, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var env = await FargoAsync(Path.GetTempPath(), "local", "env", "--output", "json");
        Assert.True(env.ExitCode == 0, env.ToString());
        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(env.Out)!;
        using var http = new Fargo.Aws.Http.AwsHttpClient(new Fargo.Aws.Http.AwsClientOptions
        {
            Region = "local",
            Credentials = new Fargo.Aws.Credentials.StaticAwsCredentialsProvider(new Fargo.Aws.Credentials.AwsCredentials(variables["AWS_ACCESS_KEY_ID"], variables["AWS_SECRET_ACCESS_KEY"])),
            Endpoints = Fargo.Aws.Endpoints.AwsEndpointResolver.Fixed(new Uri(variables["AWS_ENDPOINT_URL"])),
            UserAgent = "fargo-tests",
        });
        return await call(http, CancellationToken.None);
    }

    /// <summary>A command's result with the end of the engine's log, for assertion messages.</summary>
    public string Explain(CliResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var log = Path.Combine(Home, "local", "engine.log");
        var tail = "";
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            tail = text.Length > 6000 ? text[^6000..] : text;
        }
        catch (IOException)
        {
            tail = "(no engine log)";
        }

        return $"{result}\n--- engine.log (end)\n{tail}";
    }

    private void Record(string command, CliResult result)
    {
        lock (_gate)
        {
            _transcript.Append(CultureInfo.InvariantCulture, $"$ {command}\n{result.Out}{result.Error}\n(exit {result.ExitCode})\n");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalRegionCollection : ICollectionFixture<LocalRegionFixture>
{
    /// <summary>The end-to-end tests share one local region and run one after another: it is one machine's engine.</summary>
    public const string Name = "local region end to end";
}
