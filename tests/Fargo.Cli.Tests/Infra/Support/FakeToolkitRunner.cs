using System.Text.Json;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Toolkit;

namespace Fargo.Cli.Tests.Infra.Support;

/// <summary>
/// Stands in for node, npm and the CDK toolkit: records every program started and answers as they would (node's
/// version, npm installing the pinned toolkit, the toolkit's lines and its outputs file), each toolkit verb with the exit
/// code in <see cref="ExitCodes"/>.
/// </summary>
internal sealed class FakeToolkitRunner : IProcessRunner
{
    public List<ProcessSpec> Started { get; } = [];

    /// <summary>The exit code of each toolkit verb (deploy, diff, destroy, bootstrap); 0 unless set.</summary>
    public Dictionary<string, int> ExitCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>What the deploy's outputs file holds for the service stack.</summary>
    public Dictionary<string, string> ServiceOutputs { get; } = new(StringComparer.Ordinal)
    {
        [StackOutputs.ClusterName] = "fargo-qa",
        [StackOutputs.Url] = "https://qa.todo.example.com",
    };

    /// <summary>Called when a toolkit verb runs, e.g. to record the order of events around it.</summary>
    public Action<string>? OnToolkit { get; init; }

    /// <summary>The toolkit runs (not node --version, not npm), as "verb arg arg …" after the entry script.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ToolkitRuns =>
        [.. Started.Where(s => s.Arguments.Count > 1 && s.Arguments[0].EndsWith(Path.Combine("bin", "cdk"), StringComparison.Ordinal)).Select(s => s.Arguments.Skip(1).ToList())];

    public static string Verb(IReadOnlyList<string> run) => run[0];

    public Task<int> RunAsync(ProcessSpec spec, Action<OutputLine> output, CancellationToken cancellationToken)
    {
        Started.Add(spec);
        if (spec.Arguments is ["--version"])
        {
            output(new OutputLine(OutputSource.StandardOutput, "v20.11.1"));
            return Task.FromResult(0);
        }

        if (spec.Arguments.Contains("install"))
        {
            var prefix = spec.Arguments[spec.Arguments.ToList().IndexOf("--prefix") + 1];
            var package = Path.Combine(prefix, "node_modules", "aws-cdk");
            Directory.CreateDirectory(Path.Combine(package, "bin"));
            File.WriteAllText(Path.Combine(package, "package.json"), $$"""{"name":"aws-cdk","version":"{{CdkToolkitInstallation.Version}}"}""");
            File.WriteAllText(Path.Combine(package, "bin", "cdk"), "#!/usr/bin/env node");
            return Task.FromResult(0);
        }

        var verb = spec.Arguments[1];
        OnToolkit?.Invoke(verb);
        switch (verb)
        {
            case "diff":
                output(new OutputLine(OutputSource.StandardError, "Stack fargo-qa-todo-api"));
                output(new OutputLine(OutputSource.StandardError, "[~] AWS::ECS::Service Service"));
                output(new OutputLine(OutputSource.StandardError, "Number of stacks with differences: 1"));
                break;
            case "deploy":
                output(new OutputLine(OutputSource.StandardError, "fargo-qa-todo-api | 3/12 | UPDATE_COMPLETE | AWS::ECS::Service | Service"));
                output(new OutputLine(OutputSource.StandardOutput, "Outputs:"));
                var file = spec.Arguments[spec.Arguments.ToList().IndexOf("--outputs-file") + 1];
                var service = spec.Arguments[^1];
                File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>> { [service] = ServiceOutputs }));
                break;
            case "destroy":
                output(new OutputLine(OutputSource.StandardError, $"{spec.Arguments[^2]}: destroyed"));
                output(new OutputLine(OutputSource.StandardError, $"{spec.Arguments[^1]}: destroyed"));
                break;
            case "bootstrap":
                output(new OutputLine(OutputSource.StandardError, "Environment bootstrapped."));
                break;
            default:
                break;
        }

        return Task.FromResult(ExitCodes.TryGetValue(verb, out var code) ? code : 0);
    }
}
