using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Pipelines;

/// <summary>
/// One environment the app's images go through, with the GitHub environment whose jobs may assume its deploy role.
/// </summary>
/// <param name="Services">
/// Every service's effective settings in the environment, in the order written (a file of one service: that one). The
/// stage's CI roles are the app's: each service's settings name the same ones.
/// </param>
/// <param name="GitHubEnvironment">
/// The GitHub environment of its workflow job: the Fargo environment's name, except the last of several stages, which is
/// the protected <c>production</c> environment (s2-contracts.md).
/// </param>
public sealed record DeliveryStage(IReadOnlyList<ServiceSettings> Services, string GitHubEnvironment)
{
    /// <summary>A stage of one service.</summary>
    public DeliveryStage(ServiceSettings settings, string gitHubEnvironment)
        : this([settings], gitHubEnvironment)
    {
    }

    /// <summary>
    /// The first service's settings: what the environment's services share (the environment, [iam], the CI roles' names)
    /// is read from here; what each service has of its own is read from <see cref="Services"/>.
    /// </summary>
    public ServiceSettings Settings => Services[0];

    public string Name => Settings.Environment.Name;

    public string Account => Settings.Environment.Account!;

    public string Region => Settings.Environment.Region!;

    /// <summary>The role CI/CD assumes in the stage's account (<see cref="ResourceNames.DeployRole"/>, the app's).</summary>
    public string DeployRoleArn => Settings.Iam.RoleArn(Region, Account, Settings.Names.DeployRole);

    /// <summary>
    /// The read-only role the next stage's promote reads this stage with (<see cref="ResourceNames.ReadRole"/>, the app's);
    /// only a stage that another follows has it.
    /// </summary>
    public string ReadRoleArn => Settings.Iam.RoleArn(Region, Account, Settings.Names.ReadRole);

    /// <summary>Each service's image repository in the stage's account and region, in <see cref="Services"/> order.</summary>
    public IReadOnlyList<string> RepositoryArns =>
        [.. Services.Select(service => $"arn:{AwsPartitions.Of(Region)}:ecr:{Region}:{Account}:repository/{service.Names.Repository}").Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// The CI/CD of one app (a file of one service: that service), checked once: the GitHub repository and branch, the
/// stages in order (the first builds, tests, pushes and deploys every service; every later one waits for an approval,
/// promotes the same digests and deploys them), and the names the deploy roles and the CodePipeline stack share. Built
/// from <see cref="PipelineSettings"/>.
/// </summary>
/// <param name="App">fargo.toml's name: the app's, or for a file of one service the service's.</param>
public sealed partial record DeliveryPipeline(
    string App,
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
        ArgumentNullException.ThrowIfNull(stages);
        return ForApp(settings, gitHubRepository, [.. stages.Select(stage => (IReadOnlyList<ServiceSettings>)[stage])], fargoVersion, configDirectory);
    }

    /// <param name="settings">The [pipeline] table.</param>
    /// <param name="gitHubRepository">"owner/name": [pipeline].repository, else what `git remote get-url origin` names.</param>
    /// <param name="stages">
    /// Every service's effective settings in each stage (<see cref="Fargo.Config.ServiceConfig.ServicesIn"/>), the stages in
    /// the order of <see cref="PipelineSettings.Stages"/>.
    /// </param>
    /// <param name="fargoVersion">The Fargo version the pipeline installs (the running one).</param>
    /// <param name="configDirectory">The folder of fargo.toml relative to the repository's root ("." at the root).</param>
    public static DeliveryPipeline ForApp(
        PipelineSettings settings, string gitHubRepository, IReadOnlyList<IReadOnlyList<ServiceSettings>> stages, string fargoVersion, string configDirectory = ".")
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

        if (stages.Any(services => services.Count == 0))
        {
            throw new ArgumentException("every stage holds at least one service", nameof(stages));
        }

        foreach (var stage in stages.SelectMany(services => services))
        {
            var environment = stage.Environment;
            if (!environment.CanBePipelineStage)
            {
                throw new InfrastructureConfigurationException(
                    $"pipeline stage '{environment.Name}' is not an AWS environment: a stage needs an account and a region ([environments.{environment.Name}])");
            }

            if (stage.App != stages[0][0].App)
            {
                throw new InfrastructureConfigurationException($"the pipeline's stages belong to different apps ('{stages[0][0].App}' and '{stage.App}')");
            }
        }

        var delivery = stages
            .Select((services, index) => new DeliveryStage(services, index > 0 && index == stages.Count - 1 ? ProductionGitHubEnvironment : services[0].Environment.Name))
            .ToList();
        var directory = string.IsNullOrWhiteSpace(configDirectory) ? "." : configDirectory.Replace('\\', '/').TrimEnd('/');
        return new DeliveryPipeline(
            stages[0][0].App, gitHubRepository!, settings.Branch, settings, settings.Approvers, settings.Connection, delivery, fargoVersion, directory.Length == 0 ? "." : directory);
    }

    public DeliveryStage First => Stages[0];

    public string Owner => GitHubRepository.Split('/')[0];

    public string RepositoryName => GitHubRepository.Split('/')[1];

    /// <summary>The CodePipeline pipeline.</summary>
    public string PipelineName => $"fargo-{App}";

    /// <summary>The role of the CodeBuild project that builds, tests, pushes and deploys the first stage.</summary>
    public string BuildRoleName => FitRoleName($"{App}-pipeline-build");

    /// <summary>The role of the CodeBuild project that promotes and deploys every later stage.</summary>
    public string PromoteRoleName => FitRoleName($"{App}-pipeline-promote");

    /// <summary>
    /// The Secrets Manager secret (a GitHub token allowed to read the repository and manage its hooks) the webhook
    /// source reads, when there is no connection. Its value also signs the webhook (GITHUB_HMAC).
    /// </summary>
    public string GitHubTokenSecretName => $"fargo/{App}/github-token";

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
