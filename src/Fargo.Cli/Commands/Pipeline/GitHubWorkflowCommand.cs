using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Serialization;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Config;
using Fargo.Deploy.Pipeline;
using Fargo.Deploy.SourceControl;
using Spectre.Console;

namespace Fargo.Cli.Commands.Pipeline;

/// <summary>
/// `fargo pipeline github`: writes .github/workflows/fargo.yml at the root of the git repository that holds
/// fargo.toml (beside fargo.toml when it is in none). Never replaces an existing file without --force.
/// </summary>
/// <param name="fargoVersion">The Fargo.Cli version the workflow installs; null = this program's own version.</param>
internal sealed class GitHubWorkflowCommand(string? fargoVersion = null) : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var force = new Option<bool>("--force", "-f")
        {
            Description = "Replace an existing workflow file (edits made to it are lost).",
        };
        var command = new Command(
            "github",
            $"Write the GitHub Actions workflow {GitHubWorkflowGenerator.RelativePath} at the root of the git repository: on a " +
            "push to [pipeline] branch (default main), build once and test inside the image, push, deploy the first stage; " +
            "every later stage promotes the same digest and deploys, the last in the protected `production` environment. " +
            "Jobs assume each environment's deploy role through GitHub's OIDC token (`fargo infra up --env ENV --oidc` creates it). " +
            "Never overwrites an existing file unless --force is given.")
        {
            force,
        };
        services.SetAction(command, (context, cancellation) => RunAsync(context, context.ParseResult.GetValue(force), cancellation));
        return command;
    }

    /// <summary>This program's package version: what the workflow installs.</summary>
    internal static string OwnVersion() => FargoRelease.Version(typeof(GitHubWorkflowCommand).Assembly);

    private async Task<int> RunAsync(CommandContext context, bool force, CancellationToken cancellation)
    {
        var config = context.LoadConfig() switch
        {
            ServiceConfig service => service,
            FlatConfig flat => throw new UsageException(
                $"{flat.SourcePath} is a flat deploy file for an existing cluster and service; a pipeline needs a fargo.toml with [environments].",
                "`fargo init` writes one."),
            var other => throw new InvalidOperationException($"Unknown configuration kind {other.GetType().Name}."),
        };

        // Stages first: a file with nothing to deploy to needs no repository to say so.
        GitHubWorkflowGenerator.StageSettings(config, config.Pipeline);
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(config.SourcePath))!;
        var gitRoot = Git.FindRoot(configDirectory);
        var root = gitRoot ?? configDirectory;
        var repository = await PipelineRepository.ResolveAsync(config, cancellation);
        var workingDirectory = Path.GetRelativePath(root, configDirectory).Replace('\\', '/');
        var version = fargoVersion ?? OwnVersion();
        var workflow = GitHubWorkflowGenerator.Generate(
            new GitHubWorkflowRequest(config, config.Pipeline, repository, version, workingDirectory == "." ? "" : workingDirectory));

        var path = Path.Combine(root, ".github", "workflows", "fargo.yml");
        var exists = File.Exists(path);
        if (exists && !force)
        {
            throw new OperationFailedException(
                $"{path} already exists; it was left as it is.",
                "Pass --force to replace it with a newly generated one (edits made to it are lost).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = new FileStream(path, force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(workflow.Yaml.AsMemory(), cancellation);
        }

        var nextSteps = NextSteps(workflow, config.Pipeline.Branch, gitRoot is null);
        if (context.Json)
        {
            context.WriteJson(
                new PipelineGitHubJson(
                    path,
                    exists,
                    repository,
                    config.Pipeline.Branch,
                    version,
                    [.. workflow.Jobs.Select(j => new PipelineJobJson(j.Id, j.Name, j.Environment, j.GitHubEnvironment, j.Needs, j.Account, j.Region, j.RoleArn, j.ConcurrencyGroup, j.Commands))],
                    nextSteps),
                PipelineJsonContext.Default.PipelineGitHubJson);
            return ExitCodes.Success;
        }

        var console = context.Host.Out;
        console.MarkupLine(
            $"[green]{(exists ? "Replaced" : "Wrote")}[/] {Markup.Escape(ProblemsText.DisplayPath(path, context.Host.WorkingDirectory))}: " +
            $"{Markup.Escape(string.Join(" -> ", workflow.Jobs.Select(j => j.Environment)))} on pushes to [bold]{Markup.Escape(config.Pipeline.Branch)}[/] " +
            $"of {Markup.Escape(repository)}, with Fargo {Markup.Escape(version)}.");
        var jobs = new TextColumns("bold", null, "grey", "grey");
        foreach (var job in workflow.Jobs)
        {
            jobs.Add(job.Id, job.Name, $"GitHub environment {job.GitHubEnvironment}", job.RoleArn);
        }

        jobs.Write(console);
        console.MarkupLine("Next:");
        for (var i = 0; i < nextSteps.Count; i++)
        {
            console.MarkupLine($"  {i + 1}. {Markup.Escape(nextSteps[i])}");
        }

        return ExitCodes.Success;
    }

    private static List<string> NextSteps(GitHubWorkflow workflow, string branch, bool outsideGit)
    {
        var steps = new List<string>
        {
            $"In GitHub, Settings -> Environments: create \"{workflow.Jobs[^1].GitHubEnvironment}\" and add Required reviewers (the people who approve " +
            $"deploys to {workflow.Jobs[^1].Environment}); do it before the first push, or the first run deploys unapproved.",
            "Create the OIDC provider and the deploy and read roles in each environment's account (add --existing-oidc-provider where the account has one): " +
            string.Join("; ", workflow.Jobs.Select(j => $"fargo infra up --env {j.Environment} --oidc")) + ".",
            $"Commit {GitHubWorkflowGenerator.RelativePath} and push to {branch}.",
        };
        if (outsideGit)
        {
            steps.Insert(0, $"This folder is not in a git repository: move .github/ to the root of the repository (GitHub reads {GitHubWorkflowGenerator.RelativePath} there).");
        }

        return steps;
    }
}

/// <summary>`pipeline github --output json`: the file written, and each job.</summary>
internal sealed record PipelineGitHubJson(
    string File,
    bool Overwritten,
    string Repository,
    string Branch,
    string FargoVersion,
    IReadOnlyList<PipelineJobJson> Jobs,
    IReadOnlyList<string> NextSteps);

/// <summary>One job: the stage it deploys, its GitHub environment, the job it waits for, the role it assumes, what it runs.</summary>
internal sealed record PipelineJobJson(
    string Id,
    string Name,
    string Environment,
    string GitHubEnvironment,
    string? Needs,
    string Account,
    string Region,
    string Role,
    string ConcurrencyGroup,
    IReadOnlyList<string> Commands);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(PipelineGitHubJson))]
internal sealed partial class PipelineJsonContext : JsonSerializerContext;
