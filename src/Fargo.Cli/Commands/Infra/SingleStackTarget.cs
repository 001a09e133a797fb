using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Cli.Commands.Infra;

/// <summary>Which CI/CD stack `--oidc` or `--pipeline` selected.</summary>
internal enum SingleStackKind
{
    /// <summary>`--env E --oidc`: GitHub's OIDC provider and E's deploy and read roles, in E's account.</summary>
    DeployAccess,

    /// <summary>`--pipeline`: the CodePipeline, in the first stage's account and region.</summary>
    Pipeline,
}

/// <summary>
/// A CI/CD stack of `fargo infra`, instead of an environment's two stacks: what it is, the pipeline it comes from, and the
/// environment whose account it lives in (the credentials are checked against that one).
/// </summary>
internal sealed record SingleStackTarget(SingleStackKind Kind, DeliveryPipeline Pipeline, ServiceSettings Settings, bool TrustCodePipeline)
{
    /// <summary>The folder under --out (beside the environments' folders).</summary>
    public string FolderName => Kind == SingleStackKind.DeployAccess ? $"{Settings.Environment.Name}-deploy-access" : "pipeline";

    /// <summary>How the command names it in its messages and JSON ("qa (deploy access)", "pipeline").</summary>
    public string Name => Kind == SingleStackKind.DeployAccess ? $"{Settings.Environment.Name} (deploy access)" : "pipeline";

    public Task<SingleStackAssembly> SynthesizeAsync(InfraDependencies dependencies, ToolkitOutput output, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Path.Combine(root, FolderName);
        var environment = Settings.Environment;
        output.Say($"Synthesizing {Name} (account {environment.Account}, {environment.Region}) into {directory}…");
        return Kind == SingleStackKind.DeployAccess
            ? dependencies.Synthesizer.SynthesizeDeployAccessAsync(Pipeline, environment.Name, TrustCodePipeline, directory, cancellationToken)
            : dependencies.Synthesizer.SynthesizePipelineAsync(Pipeline, directory, cancellationToken);
    }
}

/// <summary>The options that choose a CI/CD stack instead of an environment's stacks; every infra subcommand has them.</summary>
internal sealed class SingleStackOptions
{
    public Option<bool> Oidc { get; } = new("--oidc")
    {
        Description = "Instead of the environment's stacks: the CI/CD access to it (--env): GitHub's OIDC provider and the deploy role " +
            "(NAME-ENV-deploy), which GitHub Actions jobs of the stage's GitHub environment assume, and with a CodePipeline its CodeBuild role.",
    };

    public Option<bool> Pipeline { get; } = new("--pipeline")
    {
        Description = "Instead of an environment's stacks: the CodePipeline of [pipeline] (stack fargo-NAME-pipeline, in the first stage's account and region).",
    };

    public Option<bool> TrustCodePipeline { get; } = new("--trust-codepipeline")
    {
        Description = "With --oidc: the deploy role also trusts the CodePipeline's CodeBuild role. Implied by [pipeline] connection.",
    };

    /// <summary>Adds --oidc, --pipeline and --trust-codepipeline to an infra command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Oidc);
        command.Options.Add(Pipeline);
        command.Options.Add(TrustCodePipeline);
    }

    /// <summary>The CI/CD stack the command line asks for, or null for the environment's own stacks.</summary>
    public async Task<SingleStackTarget?> SelectAsync(CommandContext context, ServiceConfig config, string verb, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        var oidc = context.ParseResult.GetValue(Oidc);
        var pipeline = context.ParseResult.GetValue(Pipeline);
        var trust = context.ParseResult.GetValue(TrustCodePipeline);
        if (oidc && pipeline)
        {
            throw new UsageException("--oidc and --pipeline choose different stacks; give one of them.");
        }

        if (trust && !oidc)
        {
            throw new UsageException("--trust-codepipeline is a choice of the deploy role; it goes with --oidc.");
        }

        if (pipeline)
        {
            if (context.Settings.Env is not null)
            {
                throw new UsageException(
                    "--pipeline works on the app's one pipeline, which lives in the first stage's account and region; drop --env.");
            }

            var delivery = await DeliveryPipelineLoader.LoadAsync(config, cancellation);
            return new SingleStackTarget(SingleStackKind.Pipeline, delivery, delivery.First.Settings, TrustCodePipeline: false);
        }

        if (!oidc)
        {
            return null;
        }

        // The deploy access stack is the app's (one deploy role per environment for every service): without --service an
        // app's first service stands for it, as the pipeline's stages read what the services share from it.
        var settings = InfraCommand.SelectEnvironment(config, context.Settings.Env, context.Settings.Service ?? config.ServiceNames[0], verb + " --oidc");
        var loaded = await DeliveryPipelineLoader.LoadAsync(config, cancellation);
        if (loaded.IndexOf(settings.Environment.Name) < 0)
        {
            throw new UsageException(
                $"Environment '{settings.Environment.Name}' is not a stage of the pipeline ({string.Join(", ", loaded.Stages.Select(s => s.Name))}): only stages get a deploy role.",
                "Add it to stages under [pipeline] in fargo.toml, or choose a stage with --env.");
        }

        return new SingleStackTarget(SingleStackKind.DeployAccess, loaded, settings, trust || loaded.Connection is not null);
    }
}
