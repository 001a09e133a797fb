using Fargo.Aws.Ecs;
using Fargo.Config.Model;
using Fargo.Deploy.Rendering;

namespace Fargo.Deploy.Targets;

/// <summary>
/// What Fargo knows about one service in one environment, whichever file format described it: the names of its
/// resources, where its secrets live, how deploys behave, and how to render its task definition for an image.
/// Built from a fargo.toml environment (<see cref="FromSettings"/>) or a flat deploy file (<see cref="FromFlat"/>).
/// </summary>
public sealed record ServiceSpec
{
    /// <summary>How long a deploy of a flat file may take: fargo.toml's default deploy timeout.</summary>
    public static readonly TimeSpan FlatDeployTimeout = TimeSpan.FromMinutes(15);

    public required string Name { get; init; }

    public required string Cluster { get; init; }

    public required string Service { get; init; }

    public required string TaskFamily { get; init; }

    public required string ContainerName { get; init; }

    public required int? Port { get; init; }

    /// <summary>The container and port the load balancer reaches: the service's own, or a sidecar in front of it ([containers] target).</summary>
    public LoadBalancerTarget? BalancedContainer { get; init; }

    public required string LogGroup { get; init; }

    /// <summary>awslogs-stream-prefix: a task's stream is &lt;prefix&gt;/&lt;container&gt;/&lt;task id&gt;.</summary>
    public required string LogStreamPrefix { get; init; }

    /// <summary>The ECR repository the service's images live in; null for a flat file (its image names its own).</summary>
    public string? Repository { get; init; }

    /// <summary>Every parameter under this path is a secret of the task (named after its last segment).</summary>
    public required string SecretsPath { get; init; }

    /// <summary>Environment variable → parameter name or ARN, from [secrets].</summary>
    public IReadOnlyDictionary<string, string> ExplicitSecrets { get; init; } = new Dictionary<string, string>();

    /// <summary>The target group fargo.toml's service uses; null when the service's own load balancers say.</summary>
    public string? TargetGroup { get; init; }

    public string? LoadBalancer { get; init; }

    public required TimeSpan DeployTimeout { get; init; }

    /// <summary>Fargo rolls back itself when a rollout fails and ECS did not (timeout, breaker without rollback).</summary>
    public bool RollbackOnFailure { get; init; } = true;

    /// <summary>The platform images must exist for, e.g. linux/amd64.</summary>
    public string Platform { get; init; } = "linux/amd64";

    /// <summary>The fargo.toml settings; null for a flat file.</summary>
    public ServiceSettings? Settings { get; init; }

    /// <summary>The flat file; null for fargo.toml.</summary>
    public FlatServiceConfig? Flat { get; init; }

    /// <summary>Whether this spec runs on the local region (the task definition then carries [local].command).</summary>
    public bool IsLocal { get; init; }

    public static ServiceSpec FromSettings(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = settings.Names;
        return new ServiceSpec
        {
            Name = settings.Name,
            Cluster = names.Cluster,
            Service = names.Service,
            TaskFamily = names.TaskFamily,
            ContainerName = names.ContainerName,
            Port = settings.Port,
            BalancedContainer = settings.Target,
            LogGroup = names.LogGroup,
            LogStreamPrefix = names.LogStreamPrefix,
            Repository = names.Repository,
            SecretsPath = settings.Secrets.Path,
            ExplicitSecrets = settings.Secrets.Explicit,
            TargetGroup = names.TargetGroup,
            LoadBalancer = names.LoadBalancer,
            DeployTimeout = settings.Deploy.Timeout,
            RollbackOnFailure = settings.Deploy.Rollback,
            Platform = settings.Resources.Platform,
            Settings = settings,
            IsLocal = settings.Environment.IsLocal,
        };
    }

    /// <summary>
    /// A flat deploy file. On the local region (<paramref name="onLocalRegion"/>) the same cluster, service and
    /// names are used, but ARNs are the local region's (account 000000000000, region local), so its secrets resolve there.
    /// </summary>
    public static ServiceSpec FromFlat(FlatServiceConfig flat, bool onLocalRegion = false)
    {
        ArgumentNullException.ThrowIfNull(flat);
        var effective = onLocalRegion ? flat with { Account = TargetEnvironment.LocalAccount, Region = TargetEnvironment.LocalRegion } : flat;
        return new ServiceSpec
        {
            Name = flat.Service,
            Cluster = flat.Cluster,
            Service = flat.Service,
            TaskFamily = flat.Service,
            ContainerName = flat.Service,
            Port = flat.Port,
            BalancedContainer = new LoadBalancerTarget(flat.Service, flat.Port),
            LogGroup = TaskDefinitionRenderer.FlatLogGroup(flat),
            LogStreamPrefix = flat.Service,
            SecretsPath = TaskDefinitionRenderer.FlatSecretsPath(flat),
            DeployTimeout = FlatDeployTimeout,
            Flat = effective,
            IsLocal = onLocalRegion,
        };
    }

    /// <summary>The RegisterTaskDefinition request for an image (pinned by digest) and the parameters found under the secrets path.</summary>
    public RegisterTaskDefinitionRequest Render(string image, IEnumerable<string> parametersUnderSecretsPath) =>
        Settings is not null
            ? TaskDefinitionRenderer.Render(Settings, image, parametersUnderSecretsPath)
            : TaskDefinitionRenderer.Render(Flat!, image, parametersUnderSecretsPath);
}
