using System.Text.Json;

namespace Fargo.Infrastructure.Toolkit;

/// <summary>The CDK toolkit ended with a non-zero exit code; what it printed says why.</summary>
public sealed class CdkToolkitException : InfrastructureException
{
    public CdkToolkitException()
    {
    }

    public CdkToolkitException(string message)
        : base(message)
    {
    }

    public CdkToolkitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CdkToolkitException(string command, int exitCode)
        : base($"cdk {command} failed (exit code {exitCode}); its output above says why")
    {
        Command = command;
        ExitCode = exitCode;
    }

    public string? Command { get; }

    public int ExitCode { get; }
}

/// <summary>Where the toolkit is installed, and how it is run.</summary>
/// <param name="ToolsDirectory">The folder the pinned toolkit is installed under (<see cref="DefaultToolsDirectory"/>).</param>
/// <param name="Run">Options every toolkit command gets (the AWS profile).</param>
public sealed record CdkToolkitOptions(string ToolsDirectory, CdkRunOptions Run)
{
    /// <summary>FARGO_HOME/tools, FARGO_HOME defaulting to ~/.fargo.</summary>
    public static string DefaultToolsDirectory()
    {
        var home = Environment.GetEnvironmentVariable("FARGO_HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fargo");
        }

        return Path.Combine(home, "tools");
    }
}

/// <summary>
/// Runs `fargo infra diff | up | down` through the pinned CDK toolkit on a synthesized assembly, streaming
/// the toolkit's lines (CloudFormation events during a deploy) to the caller as they come.
/// </summary>
public sealed class CdkToolkit
{
    private readonly CdkToolkitOptions _options;
    private readonly IProcessRunner _runner;
    private readonly CdkToolkitInstallation _installation;

    public CdkToolkit(CdkToolkitOptions options, IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        _options = options;
        _runner = runner;
        _installation = new CdkToolkitInstallation(options.ToolsDirectory, runner);
    }

    /// <summary>Lists the assembly's stacks (offline: reads the assembly only).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(SynthesizedAssembly assembly, CancellationToken cancellationToken)
    {
        var stacks = new List<string>();
        await RunAsync("list", CdkCommandLine.List(assembly, _options.Run), line =>
        {
            if (line.Stream == OutputSource.StandardOutput && !string.IsNullOrWhiteSpace(line.Text))
            {
                stacks.Add(line.Text.Trim());
            }
        }, cancellationToken);
        return stacks;
    }

    /// <summary>Shows what a deploy would change in both stacks.</summary>
    public Task DiffAsync(SynthesizedAssembly assembly, Action<OutputLine> progress, CancellationToken cancellationToken) =>
        DiffAsync([assembly], progress, cancellationToken);

    /// <summary>Shows what a deploy would change in the environment's stack and the stacks of the app's services.</summary>
    public Task DiffAsync(IReadOnlyList<SynthesizedAssembly> app, Action<OutputLine> progress, CancellationToken cancellationToken) =>
        RunAsync("diff", CdkCommandLine.Diff(app, _options.Run), progress, cancellationToken);

    /// <summary>Deploys both stacks and returns the service stack's outputs.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DeployAsync(
        SynthesizedAssembly assembly,
        DeployInputs inputs,
        ApprovalLevel approval,
        Action<OutputLine> progress,
        CancellationToken cancellationToken) =>
        (await DeployAsync([new ServiceDeployment(assembly, inputs)], approval, progress, cancellationToken))[0];

    /// <summary>Deploys the environment's stack and the stacks of the app's services; returns each service stack's outputs, in order.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> DeployAsync(
        IReadOnlyList<ServiceDeployment> app,
        ApprovalLevel approval,
        Action<OutputLine> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var outputsFile = Path.Combine(app[0].Assembly.Directory, "outputs.json");
        await RunAsync("deploy", CdkCommandLine.Deploy(app, approval, outputsFile, _options.Run), progress, cancellationToken);
        return [.. app.Select(service => ReadOutputs(outputsFile, service.Assembly.Stacks.Service))];
    }

    /// <summary>
    /// Empties what CloudFormation cannot delete while it holds data (see <see cref="TeardownPlan"/>), then
    /// deletes both stacks. The caller asks the user first.
    /// </summary>
    public Task DestroyAsync(SynthesizedAssembly assembly, IInfrastructureTeardown teardown, Action<OutputLine> progress, CancellationToken cancellationToken) =>
        DestroyAsync([assembly], teardown, progress, cancellationToken);

    /// <summary>
    /// Empties what CloudFormation cannot delete while it holds data (each service's, and the environment's), then deletes
    /// the stacks of the app's services, callers first, and the environment's. The caller asks the user first.
    /// </summary>
    public async Task DestroyAsync(IReadOnlyList<SynthesizedAssembly> app, IInfrastructureTeardown teardown, Action<OutputLine> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(teardown);
        ArgumentNullException.ThrowIfNull(progress);
        var environment = app[0];
        var environmentOutputs = await teardown.GetStackOutputsAsync(environment.Stacks.Environment, environment.Region, cancellationToken);
        foreach (var assembly in app)
        {
            var serviceOutputs = await teardown.GetStackOutputsAsync(assembly.Stacks.Service, assembly.Region, cancellationToken);
            // The environment's own buckets once, with the first service.
            foreach (var step in TeardownPlan.For(assembly, ReferenceEquals(assembly, environment) ? environmentOutputs : null, serviceOutputs))
            {
                switch (step)
                {
                    case EmptyBucket bucket:
                        progress(new OutputLine(OutputSource.StandardError, $"Emptying bucket {bucket.Name}…"));
                        await teardown.EmptyBucketAsync(bucket.Name, assembly.Region, cancellationToken);
                        break;
                    case DeleteImages repository:
                        progress(new OutputLine(OutputSource.StandardError, $"Deleting the images of repository {repository.Name}…"));
                        await teardown.DeleteAllImagesAsync(repository.Name, assembly.Region, cancellationToken);
                        break;
                }
            }
        }

        await RunAsync("destroy", CdkCommandLine.Destroy(app, _options.Run), progress, cancellationToken);
    }

    /// <summary>Bootstraps the environment's account and region for the CDK (once per account and region).</summary>
    public Task BootstrapAsync(SynthesizedAssembly assembly, Action<OutputLine> progress, CancellationToken cancellationToken) =>
        RunAsync("bootstrap", CdkCommandLine.Bootstrap(assembly, _options.Run), progress, cancellationToken);

    /// <summary>Shows what a deploy would change in a one-stack assembly (deploy access, pipeline).</summary>
    public Task DiffAsync(SingleStackAssembly assembly, Action<OutputLine> progress, CancellationToken cancellationToken) =>
        RunAsync("diff", CdkCommandLine.Diff(assembly, _options.Run), progress, cancellationToken);

    /// <summary>Deploys a one-stack assembly and returns its outputs.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DeployAsync(
        SingleStackAssembly assembly,
        IReadOnlyDictionary<string, string> parameters,
        ApprovalLevel approval,
        Action<OutputLine> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var outputsFile = Path.Combine(assembly.Directory, "outputs.json");
        await RunAsync("deploy", CdkCommandLine.Deploy(assembly, parameters, approval, outputsFile, _options.Run), progress, cancellationToken);
        return ReadOutputs(outputsFile, assembly.StackName);
    }

    /// <summary>
    /// Empties the stack's versioned buckets (<see cref="SingleStackAssembly.BucketsToEmpty"/>, read from its outputs),
    /// then deletes the stack. The caller asks the user first.
    /// </summary>
    public async Task DestroyAsync(SingleStackAssembly assembly, IInfrastructureTeardown teardown, Action<OutputLine> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(teardown);
        ArgumentNullException.ThrowIfNull(progress);
        if (assembly.BucketsToEmpty.Count > 0 && await teardown.GetStackOutputsAsync(assembly.StackName, assembly.Region, cancellationToken) is { } outputs)
        {
            foreach (var key in assembly.BucketsToEmpty)
            {
                if (outputs.TryGetValue(key, out var bucket) && !string.IsNullOrWhiteSpace(bucket))
                {
                    progress(new OutputLine(OutputSource.StandardError, $"Emptying bucket {bucket}…"));
                    await teardown.EmptyBucketAsync(bucket, assembly.Region, cancellationToken);
                }
            }
        }

        await RunAsync("destroy", CdkCommandLine.Destroy(assembly, _options.Run), progress, cancellationToken);
    }

    /// <summary>Bootstraps the one-stack assembly's account and region for the CDK.</summary>
    public Task BootstrapAsync(SingleStackAssembly assembly, Action<OutputLine> progress, CancellationToken cancellationToken) =>
        RunAsync("bootstrap", CdkCommandLine.Bootstrap(assembly, _options.Run), progress, cancellationToken);

    /// <summary>The environment the toolkit runs in: no version check against npm, no colors.</summary>
    internal static IReadOnlyDictionary<string, string> ToolkitEnvironment() => new Dictionary<string, string>
    {
        ["CDK_DISABLE_VERSION_CHECK"] = "1",
        ["FORCE_COLOR"] = "0",
    };

    internal static IReadOnlyDictionary<string, string> ReadOutputs(string outputsFile, string stackName)
    {
        if (!File.Exists(outputsFile))
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(outputsFile));
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty(stackName, out var stack))
        {
            foreach (var output in stack.EnumerateObject())
            {
                outputs[output.Name] = output.Value.ValueKind == JsonValueKind.String ? output.Value.GetString()! : output.Value.GetRawText();
            }
        }

        return outputs;
    }

    private async Task RunAsync(string command, IReadOnlyList<string> arguments, Action<OutputLine> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var node = NodeRuntime.Locate();
        await NodeRuntime.CheckVersionAsync(_runner, node, cancellationToken);
        var entryPoint = await _installation.EnsureInstalledAsync(progress, cancellationToken);
        var exitCode = await _runner.RunAsync(new ProcessSpec(node, [entryPoint, .. arguments], Environment: ToolkitEnvironment()), progress, cancellationToken);
        if (exitCode != 0)
        {
            throw new CdkToolkitException(command, exitCode);
        }
    }
}
