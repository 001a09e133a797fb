using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Rendering;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Pipelines;
using Spectre.Console;

namespace Fargo.Cli.Commands.Pipeline;

/// <summary>
/// `fargo pipeline codepipeline [--out DIR]`: synthesizes the service's CodePipeline stack (offline, like `infra synth`)
/// and says what it creates (source, build, approvals and approvers, promotions) and how to deploy it. A subcommand of
/// `fargo pipeline` (PipelineCommand adds <c>new CodePipelineCommand().Create(services)</c>).
/// </summary>
internal sealed class CodePipelineCommand(InfraDependencies dependencies) : ICliCommand
{
    public CodePipelineCommand()
        : this(InfraDependencies.ForProcess())
    {
    }

    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var output = InfraCommand.OutOption();
        var command = new Command(
            "codepipeline",
            "Write the AWS CodePipeline of [pipeline] as a CDK stack (OUT/pipeline; offline, no credentials) and show what it does: " +
            "the GitHub source (the [pipeline] connection, else a webhook signed with GITHUB_HMAC), a CodeBuild project that builds, " +
            "tests and pushes once and deploys the first stage, then for each later stage an approval that e-mails the approvers and " +
            "a promotion of the same digest. Deploy it with `fargo infra up --pipeline`, after `fargo infra up --env E --oidc` for each stage.")
        {
            output,
        };
        services.SetAction(command, (context, cancellation) => RunAsync(context, context.ParseResult.GetValue(output), cancellation));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, string? outOption, CancellationToken cancellation)
    {
        var config = InfraCommand.LoadServiceConfig(context);
        var pipeline = await DeliveryPipelineLoader.LoadAsync(config, cancellation);
        var target = new SingleStackTarget(SingleStackKind.Pipeline, pipeline, pipeline.First.Settings, TrustCodePipeline: false);
        var assembly = await target.SynthesizeAsync(dependencies, new ToolkitOutput(context), InfraCommand.OutputRoot(context, config, outOption), cancellation);
        var description = Describe(pipeline, assembly);
        if (context.Json)
        {
            context.WriteJson(description, CodePipelineJsonContext.Default.CodePipelineJson);
        }
        else
        {
            Write(context, description);
        }

        return ExitCodes.Success;
    }

    internal static CodePipelineJson Describe(DeliveryPipeline pipeline, SingleStackAssembly assembly)
    {
        var source = pipeline.Connection is { } connection
            ? new PipelineSourceJson("codestar-connection", pipeline.GitHubRepository, pipeline.Branch, connection, null)
            : new PipelineSourceJson("github-webhook", pipeline.GitHubRepository, pipeline.Branch, null, pipeline.GitHubTokenSecretName);
        var stages = new List<PipelineStageJson>
        {
            new(pipeline.First.Name, "build-test-push-deploy", pipeline.First.Name, pipeline.First.Account, pipeline.First.Region, pipeline.First.DeployRoleArn,
                [.. PipelineCommands.FirstStage(pipeline)], null),
        };
        for (var index = 1; index < pipeline.Stages.Count; index++)
        {
            var stage = pipeline.Stages[index];
            stages.Add(new($"Approve-{stage.Name}", "approval", stage.Name, null, null, null, null, pipeline.Approvers));
            stages.Add(new(stage.Name, "promote-deploy", stage.Name, stage.Account, stage.Region, stage.DeployRoleArn, [.. PipelineCommands.LaterStage(pipeline, index)], null));
        }

        return new CodePipelineJson(
            pipeline.PipelineName,
            assembly.StackName,
            assembly.Account,
            assembly.Region,
            assembly.Template,
            CountResources(assembly.Template),
            pipeline.FargoVersion,
            source,
            stages,
            [.. pipeline.Stages.Select(s => $"fargo infra up --env {s.Name} --oidc --trust-codepipeline"), "fargo infra up --pipeline"]);
    }

    private static int CountResources(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(template));
        return document.RootElement.TryGetProperty("Resources", out var resources) ? resources.EnumerateObject().Count() : 0;
    }

    private static void Write(CommandContext context, CodePipelineJson pipeline)
    {
        var console = context.Host.Out;
        console.MarkupLine(
            $"[green]Synthesized[/] pipeline [bold]{Markup.Escape(pipeline.Pipeline)}[/] (stack {Markup.Escape(pipeline.Stack)}, account {Markup.Escape(pipeline.Account)}, " +
            $"{Markup.Escape(pipeline.Region)}) into {Markup.Escape(ProblemsText.DisplayPath(pipeline.Template, context.Host.WorkingDirectory))} [grey]({pipeline.Resources} resources)[/]");
        var source = pipeline.Source;
        console.MarkupLine(source.Connection is not null
            ? $"  [bold]Source[/]  GitHub {Markup.Escape(source.Repository)}, branch {Markup.Escape(source.Branch)}, through connection {Markup.Escape(source.Connection)}"
            : $"  [bold]Source[/]  GitHub {Markup.Escape(source.Repository)}, branch {Markup.Escape(source.Branch)}, through a webhook signed with GITHUB_HMAC; " +
              $"the token is read from Secrets Manager secret {Markup.Escape(source.TokenSecret!)} (create it first: a GitHub token that may read the repository and manage its hooks)");
        foreach (var stage in pipeline.Stages)
        {
            if (stage.Kind == "approval")
            {
                var approvers = stage.Approvers is { Count: > 0 } list ? string.Join(", ", list) : "nobody subscribed ([pipeline] approvers)";
                console.MarkupLine($"  [bold]{Markup.Escape(stage.Name)}[/]  a person approves before {Markup.Escape(stage.Environment)}; the SNS topic e-mails {Markup.Escape(approvers)}");
                continue;
            }

            console.MarkupLine($"  [bold]{Markup.Escape(stage.Name)}[/]  CodeBuild as {Markup.Escape(stage.DeployRole!)}:");
            foreach (var line in stage.Commands!)
            {
                console.MarkupLine($"      [grey]{Markup.Escape(line)}[/]");
            }
        }

        console.MarkupLine("Deploy it: first each stage's deploy role, trusting the pipeline's CodeBuild, then the pipeline:");
        foreach (var line in pipeline.DeployWith)
        {
            console.MarkupLine($"  {Markup.Escape(line)}");
        }
    }
}

/// <summary>`fargo pipeline codepipeline --output json`: the synthesized pipeline and what it does.</summary>
internal sealed record CodePipelineJson(
    string Pipeline,
    string Stack,
    string Account,
    string Region,
    string Template,
    int Resources,
    string FargoVersion,
    PipelineSourceJson Source,
    IReadOnlyList<PipelineStageJson> Stages,
    IReadOnlyList<string> DeployWith);

/// <param name="Kind">"codestar-connection" or "github-webhook".</param>
/// <param name="TokenSecret">The Secrets Manager secret of the webhook source's GitHub token (its value never leaves AWS).</param>
internal sealed record PipelineSourceJson(string Kind, string Repository, string Branch, string? Connection, string? TokenSecret);

/// <param name="Kind">"build-test-push-deploy", "approval" or "promote-deploy".</param>
internal sealed record PipelineStageJson(
    string Name,
    string Kind,
    string Environment,
    string? Account,
    string? Region,
    string? DeployRole,
    IReadOnlyList<string>? Commands,
    IReadOnlyList<string>? Approvers);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(CodePipelineJson))]
internal sealed partial class CodePipelineJsonContext : JsonSerializerContext;
