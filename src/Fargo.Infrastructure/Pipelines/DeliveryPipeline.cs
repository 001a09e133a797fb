using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Fargo.Config.Model;
using Fargo.Config.Schema;

namespace Fargo.Infrastructure.Pipelines;

/// <summary>
/// One environment the image goes through, with the GitHub environment whose jobs may assume its deploy role.
/// </summary>
/// <param name="Settings">The environment's effective settings.</param>
/// <param name="GitHubEnvironment">
/// The GitHub environment of its workflow job: the Fargo environment's name, except the last of several stages, which is
/// the protected <c>production</c> environment (s2-contracts.md).
/// </param>
public sealed record DeliveryStage(ServiceSettings Settings, string GitHubEnvironment)
{
    public string Name => Settings.Environment.Name;

    public string Account => Settings.Environment.Account!;

    public string Region => Settings.Environment.Region!;

    /// <summary>The role CI/CD assumes in the stage's account (<see cref="ResourceNames.DeployRole"/>).</summary>
    public string DeployRoleArn => Settings.Iam.RoleArn(Region, Account, Settings.Names.DeployRole);

    /// <summary>
    /// The read-only role the next stage's promote reads this stage with (<see cref="ResourceNames.ReadRole"/>); only a
    /// stage that another follows has it.
    /// </summary>
    public string ReadRoleArn => Settings.Iam.RoleArn(Region, Account, Settings.Names.ReadRole);

    /// <summary>The service's image repository in the stage's account and region.</summary>
    public string RepositoryArn => $"arn:{AwsPartitions.Of(Region)}:ecr:{Region}:{Account}:repository/{Settings.Names.Repository}";
}

/// <summary>
/// The CI/CD of one service, checked once: the GitHub repository and branch, the stages in order (the first builds,
/// tests, pushes and deploys; every later one waits for an approval, promotes the same digest and deploys it), and
/// the names the deploy roles and the CodePipeline stack share. Built from <see cref="PipelineSettings"/>.
/// </summary>
public sealed partial record DeliveryPipeline(
    string Service,
    string GitHubRepository,
    string Branch,
    PipelineSettings Settings,
    IReadOnlyList<string> Approvers,
    string? Connection,
    IReadOnlyList<DeliveryStage> Stages,
    string FargoVersion,
    string ConfigDirectory)
{
    /// <summary>The GitHub environment of the last of several stages: protected, its reviewers approve.</summary>
    public const string ProductionGitHubEnvironment = "production";

    private const int IamRoleNameLimit = 64;

    /// <param name="settings">The [pipeline] table.</param>
    /// <param name="gitHubRepository">"owner/name": [pipeline].repository, else what `git remote get-url origin` names.</param>
    /// <param name="stages">The effective settings of each stage, in the order of <see cref="PipelineSettings.Stages"/>.</param>
    /// <param name="fargoVersion">The Fargo version the pipeline installs (the running one).</param>
    /// <param name="configDirectory">The folder of fargo.toml relative to the repository's root ("." at the root).</param>
    public static DeliveryPipeline Create(PipelineSettings settings, string gitHubRepository, IReadOnlyList<ServiceSettings> stages, string fargoVersion, string configDirectory = ".")
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentException.ThrowIfNullOrWhiteSpace(fargoVersion);
        if (stages.Count == 0)
        {
            throw new InfrastructureConfigurationException(
                "the pipeline has no stage: add an AWS environment under [environments.NAME] with account and region, or list them in [pipeline] stages");
        }

        if (!RepositoryPattern().IsMatch(gitHubRepository ?? string.Empty))
        {
            throw new InfrastructureConfigurationException(
                $"'{gitHubRepository}' is not a GitHub repository: set [pipeline] repository = \"owner/name\"");
        }

        foreach (var stage in stages)
        {
            var environment = stage.Environment;
            // Another environment of the local region may be a stage (the pipeline rehearsed on this machine); "local" is
            // the development environment, which has no CI roles.
            if (environment.Name == ConfigSchema.LocalEnvironment || string.IsNullOrWhiteSpace(environment.Account) || string.IsNullOrWhiteSpace(environment.Region))
            {
                throw new InfrastructureConfigurationException(
                    $"pipeline stage '{environment.Name}' is not an AWS environment: a stage needs an account and a region ([environments.{environment.Name}])");
            }

            if (stage.Name != stages[0].Name)
            {
                throw new InfrastructureConfigurationException($"the pipeline's stages belong to different services ('{stages[0].Name}' and '{stage.Name}')");
            }
        }

        var delivery = stages
            .Select((stage, index) => new DeliveryStage(stage, index > 0 && index == stages.Count - 1 ? ProductionGitHubEnvironment : stage.Environment.Name))
            .ToList();
        var directory = string.IsNullOrWhiteSpace(configDirectory) ? "." : configDirectory.Replace('\\', '/').TrimEnd('/');
        return new DeliveryPipeline(
            stages[0].Name, gitHubRepository!, settings.Branch, settings, settings.Approvers, settings.Connection, delivery, fargoVersion, directory.Length == 0 ? "." : directory);
    }

    public DeliveryStage First => Stages[0];

    public string Owner => GitHubRepository.Split('/')[0];

    public string RepositoryName => GitHubRepository.Split('/')[1];

    /// <summary>The CodePipeline pipeline.</summary>
    public string PipelineName => $"fargo-{Service}";

    /// <summary>The role of the CodeBuild project that builds, tests, pushes and deploys the first stage.</summary>
    public string BuildRoleName => FitRoleName($"{Service}-pipeline-build");

    /// <summary>The role of the CodeBuild project that promotes and deploys every later stage.</summary>
    public string PromoteRoleName => FitRoleName($"{Service}-pipeline-promote");

    /// <summary>
    /// The Secrets Manager secret (a GitHub token allowed to read the repository and manage its hooks) the webhook
    /// source reads, when there is no connection. Its value also signs the webhook (GITHUB_HMAC).
    /// </summary>
    public string GitHubTokenSecretName => $"fargo/{Service}/github-token";

    public string CodeBuildRoleArn(int stageIndex) =>
        First.Settings.Iam.RoleArn(First.Region, First.Account, stageIndex == 0 ? BuildRoleName : PromoteRoleName);

    /// <summary>The stage of an environment, or null when the environment is not one of the pipeline's stages.</summary>
    public int IndexOf(string environment)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i].Name == environment)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The stage a later stage promotes from: the one before it.</summary>
    public DeliveryStage PreviousOf(int index) => Stages[index - 1];

    private static string FitRoleName(string name)
    {
        if (name.Length <= IamRoleNameLimit)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return $"{name[..(IamRoleNameLimit - hash.Length - 1)].TrimEnd('-')}-{hash}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepositoryPattern();
}
