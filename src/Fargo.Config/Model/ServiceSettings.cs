namespace Fargo.Config.Model;

/// <summary>
/// The effective configuration of one service in one environment: every table of fargo.toml with the
/// service's and the environment's overrides deep-merged over it and every default applied. Everything downstream
/// (task definition rendering, the CDK stacks, the local region, deploys) reads this and only this.
/// Port is null for a worker, which listens on none.
/// </summary>
public sealed record ServiceSettings(
    string Name,
    EnvironmentTarget Environment,
    int? Port,
    ImageSettings Image,
    ResourceSettings Resources,
    ContainerSettings Container,
    HealthSettings Health,
    ScalingSettings Scaling,
    DeploySettings Deploy,
    IReadOnlyDictionary<string, string> Env,
    SecretSettings Secrets,
    DatabaseSettings? Database,
    NetworkSettings Network,
    LogSettings Logs,
    BucketSettings Buckets,
    LocalSettings? Local,
    PermissionSettings Permissions,
    IamSettings Iam,
    ResourceNames Names)
{
    /// <summary>The requests the environment's load balancer sends to the service ([http]).</summary>
    public HttpSettings Http { get; init; } = HttpSettings.Everything;

    /// <summary>One empty list, so that settings without calls compare equal.</summary>
    public static IReadOnlyList<ServiceCall> NoCalls { get; } = [];

    public ServiceKind Kind { get; init; } = ServiceKind.Web;

    /// <summary>The services of the same app this one calls, in the order written; each gets its variable.</summary>
    public IReadOnlyList<ServiceCall> Calls { get; init; } = NoCalls;

    /// <summary>
    /// The services of the app this one needs up before it, and taken down after it: the ones it calls, and the owner of
    /// the database it uses. Its stack imports from theirs.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> Needs => Database?.Owner is { } owner
        ? Calls.Select(c => c.Service).Append(owner)
        : Calls.Select(c => c.Service);

    /// <summary>The task's further containers ([containers]), in the order written, after the service's own.</summary>
    public IReadOnlyList<SidecarSettings> Sidecars { get; init; } = SidecarSettings.None;

    /// <summary>
    /// The container and port the load balancer sends the service's requests to: the sidecar with target = true, else the
    /// service's own container on its port. Null without a load balancer.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LoadBalancerTarget? Target => !IsLoadBalanced
        ? null
        : Sidecars.FirstOrDefault(s => s.IsTarget) is { Port: { } sidecarPort } sidecar
            ? new LoadBalancerTarget(sidecar.Name, sidecarPort)
            : Port is { } port ? new LoadBalancerTarget(Names.ContainerName, port) : null;

    /// <summary>The app the service belongs to: fargo.toml's name (for a file of one service, the service's own name).</summary>
    public string App { get; init; } = Name;

    /// <summary>
    /// The container's variables from fargo.toml: [env], and each called service's URL under its variable (on AWS its
    /// Cloud Map name; <see cref="ResourceNaming.DiscoveredUrl"/>). The stack and a deploy's task definition both give these.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string> ContainerEnvironment => Calls.Count == 0
        ? Env
        : new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(
            Env.Concat(Calls.Select(c => KeyValuePair.Create(c.Variable, ResourceNaming.DiscoveredUrl(c, Environment.Name)))).ToDictionary(StringComparer.Ordinal));

    /// <summary>Behind the environment's load balancer: a target group, a listener rule, requests-per-target scaling.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLoadBalanced => Kind == ServiceKind.Web;
}

/// <summary>
/// What a service is. Web: behind the environment's load balancer. Internal: a port but no load balancer, found by name.
/// Worker: no port and no load balancer.
/// </summary>
public enum ServiceKind
{
    Web,
    Internal,
    Worker,
}

/// <summary>The kinds as fargo.toml spells them.</summary>
public static class ServiceKinds
{
    public const string Web = "web";
    public const string Internal = "internal";
    public const string Worker = "worker";

    public static IReadOnlyList<string> All { get; } = [Web, Internal, Worker];

    public static ServiceKind Parse(string text) => text switch
    {
        Internal => ServiceKind.Internal,
        Worker => ServiceKind.Worker,
        _ => ServiceKind.Web,
    };

    public static string Format(ServiceKind kind) => kind switch
    {
        ServiceKind.Internal => Internal,
        ServiceKind.Worker => Worker,
        _ => Web,
    };
}

/// <summary>
/// A call from one service of an app to another: the called service's name and port, and the variable that carries
/// its URL into the caller's task (PRICING_URL for pricing), the same on AWS and on the local region.
/// </summary>
public sealed record ServiceCall(string Service, int Port, string Variable)
{
    /// <summary>The variable a service's URL is given to its callers in: its name upper-cased, "-" as "_", then _URL.</summary>
    public static string VariableFor(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.ToUpperInvariant().Replace('-', '_') + "_URL";
    }
}

/// <summary>Where an environment lives. The local region is account 000000000000, region "local".</summary>
public sealed record EnvironmentTarget(
    string Name,
    string? Account,
    string? Region,
    bool RequiresApproval,
    bool IsLocal)
{
    /// <summary>
    /// Whether a [pipeline] stage may be this environment: one with an account and a region, on AWS or on the local region
    /// (the pipeline rehearsed on this machine), but not "local" itself, `fargo up`'s, which has no CI roles.
    /// </summary>
    public bool CanBePipelineStage =>
        Name != Schema.ConfigSchema.LocalEnvironment && !string.IsNullOrWhiteSpace(Account) && !string.IsNullOrWhiteSpace(Region);
}

/// <summary>
/// How the image is built: a Dockerfile, relative to <see cref="DockerfileFolder"/> (fargo.toml's folder; null when
/// that is the context), built in <see cref="Context"/> with the build arguments and target stage given.
/// </summary>
public sealed record ImageSettings(string Dockerfile, string Context)
{
    /// <summary>One empty instance, so that settings without build arguments compare equal.</summary>
    public static IReadOnlyDictionary<string, string> NoBuildArgs { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public string? DockerfileFolder { get; init; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = NoBuildArgs;

    public string? Target { get; init; }
}

public enum CpuArchitecture
{
    X86_64,
    Arm64,
}

/// <summary>Fargate task size. Cpu in CPU units (1024 = 1 vCPU), memory in MiB.</summary>
public sealed record ResourceSettings(int Cpu, int Memory, CpuArchitecture Architecture)
{
    /// <summary>The container platform string, e.g. "linux/amd64".</summary>
    public string Platform => Architecture == CpuArchitecture.Arm64 ? "linux/arm64" : "linux/amd64";
}

/// <summary>
/// The service's container as the task definition states it, on AWS and on the local region alike: what the CDK
/// stack and `fargo deploy` both put into the container definition, member for member (null = left out, ECS's
/// default). On the local region with a [local] command, that command is the whole command line (EntryPoint null):
/// the local image is a folder of files with no entry point of its own.
/// </summary>
/// <param name="Memory">Hard limit in MiB (ECS's memory).</param>
/// <param name="MemoryReservation">Soft limit in MiB (ECS's memoryReservation).</param>
/// <param name="StopTimeout">Between SIGTERM and SIGKILL (ECS's stopTimeout, whole seconds, 2-120).</param>
public sealed record ContainerSettings(
    int? Memory,
    int? MemoryReservation,
    IReadOnlyList<string>? EntryPoint,
    IReadOnlyList<string>? Command,
    string? WorkingDirectory,
    TimeSpan? StopTimeout)
{
    /// <summary>ECS's stopTimeout: whole seconds.</summary>
    public int? StopTimeoutSeconds => StopTimeout is { } timeout ? (int)timeout.TotalSeconds : null;
}

/// <summary>Target group health check and the ECS health check grace period.</summary>
public sealed record HealthSettings(
    string Path,
    TimeSpan Interval,
    TimeSpan Timeout,
    int HealthyThreshold,
    int UnhealthyThreshold,
    TimeSpan GracePeriod,
    string SuccessCodes)
{
    /// <summary>ECS's container health check, exec form without the leading "CMD"; null = none (the image's HEALTHCHECK is not used).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>
    /// The container health check as ECS takes it, the same in the stack and in a deploy's task definition: the command
    /// after "CMD", the interval and timeout, unhealthy_threshold failures in a row, and the grace period as the start
    /// period (ECS allows at most 300 s). Null without a command.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ContainerHealthCheck? ContainerCheck => Command is { } command
        ? new ContainerHealthCheck(["CMD", .. command], (int)Interval.TotalSeconds, (int)Timeout.TotalSeconds, UnhealthyThreshold, (int)Math.Min(GracePeriod.TotalSeconds, 300))
        : null;
}

/// <summary>ECS's container health check: command (["CMD", …]), interval, timeout and start period in seconds, retries.</summary>
public sealed record ContainerHealthCheck(IReadOnlyList<string> Command, int IntervalSeconds, int TimeoutSeconds, int Retries, int StartPeriodSeconds);

/// <summary>
/// Either a fixed count (Min == Max == Count) or autoscaling between Min and Max on the targets given.
/// SpotWeight is the share of FARGATE_SPOT against one share of FARGATE (0 = on-demand only).
/// </summary>
public sealed record ScalingSettings(
    int Count,
    int Min,
    int Max,
    int? CpuTarget,
    int? MemoryTarget,
    int? RequestsPerTarget,
    int SpotWeight)
{
    public bool IsAutoscaled => Min != Max || CpuTarget is not null || MemoryTarget is not null || RequestsPerTarget is not null;
}

public sealed record DeploySettings(
    int MinHealthyPercent,
    int MaxPercent,
    TimeSpan Drain,
    TimeSpan Timeout,
    bool CircuitBreaker,
    bool Rollback);

/// <summary>
/// Secrets: an explicit map of environment variable to parameter name (or full SSM / Secrets Manager
/// ARN), plus every parameter under <see cref="Path"/> (default "/&lt;name&gt;"), resolved at deploy time.
/// </summary>
public sealed record SecretSettings(string Path, IReadOnlyDictionary<string, string> Explicit);

/// <summary>
/// The database. <see cref="Variables"/> maps each environment variable the task gets to a field of the generated
/// credentials (see <see cref="DatabaseFields"/>): by default DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD;
/// [database] env names the app's own instead.
/// </summary>
public sealed record DatabaseSettings(
    string Engine,
    string Name,
    string Version,
    string InstanceClass,
    int StorageGiB,
    bool MultiAz)
{
    public static IReadOnlyDictionary<string, string> DefaultVariables { get; } = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DB_HOST"] = DatabaseFields.Host,
            ["DB_PORT"] = DatabaseFields.Port,
            ["DB_NAME"] = DatabaseFields.Name,
            ["DB_USER"] = DatabaseFields.User,
            ["DB_PASSWORD"] = DatabaseFields.Password,
        });

    public IReadOnlyDictionary<string, string> Variables { get; init; } = DefaultVariables;

    /// <summary>
    /// The service of the app whose database this is, when it is another's ([database] service): the instance and its
    /// credentials are in that service's stack, and the other members describe that instance. Null: the service's own.
    /// </summary>
    public string? Owner { get; init; }
}

/// <summary>
/// The fields of the generated database credentials a variable can take: the JSON keys of the Secrets Manager secret
/// RDS's credentials live in, and url, a postgresql:// connection string composed of them.
/// </summary>
public static class DatabaseFields
{
    public const string Host = "host";
    public const string Port = "port";
    public const string Name = "dbname";
    public const string User = "username";
    public const string Password = "password";
    public const string Url = "url";

    public static IReadOnlyList<string> All { get; } = [Host, Port, Name, User, Password, Url];
}

public enum NatMode
{
    PerAz,
    SingleGateway,
}

/// <summary>
/// Network choices. Public = an internet-facing load balancer (else internal). Certificate is an ACM ARN;
/// with a Domain and HostedZone and no Certificate, a DNS-validated certificate is created. VpcId reuses
/// an existing VPC instead of creating one.
/// </summary>
public sealed record NetworkSettings(
    bool Public,
    string? Domain,
    string? HostedZone,
    string? Certificate,
    NatMode Nat,
    string? VpcId)
{
    /// <summary>ECS allows five security groups per task's awsvpc configuration; one of them is Fargo's own.</summary>
    public const int MaxExtraSecurityGroups = 4;

    /// <summary>One empty list, so that settings without the lists compare equal.</summary>
    public static IReadOnlyList<string> None { get; } = [];

    /// <summary>Existing security groups (sg-…) every task carries beside the service's own group.</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = None;

    /// <summary>
    /// The CIDR blocks the load balancer admits on its listener ports; empty = the default (anywhere over IPv4 for a
    /// public load balancer, the VPC's block for an internal one).
    /// </summary>
    public IReadOnlyList<string> Ingress { get; init; } = None;

    /// <summary>An existing ECS cluster, by name, that the service runs in instead of the environment's own; null = Fargo's.</summary>
    public string? Cluster { get; init; }
}

public sealed record LogSettings(int RetentionDays);

/// <summary>Optional buckets: a private data bucket for the app, and a reports bucket served by CloudFront.</summary>
public sealed record BucketSettings(bool Data, bool Reports);

/// <summary>
/// Account guard rails for every role Fargo creates (task, execution, deploy, read, pipeline, and the helper roles the
/// stacks need): the path they live under ("/" by default) and the permissions boundary they carry (none by default).
/// </summary>
public sealed record IamSettings(string Path, string? PermissionsBoundary)
{
    public static IamSettings Default { get; } = new("/", null);

    /// <summary>The ARN of a role Fargo names: the path is part of it (arn:aws:iam::123456789012:role/path/name).</summary>
    public string RoleArn(string region, string account, string roleName) =>
        $"arn:{AwsPartitions.Of(region)}:iam::{account}:role{Path}{roleName}";
}

/// <summary>AWS's partitions, which change every ARN's prefix: derived from the region.</summary>
public static class AwsPartitions
{
    /// <summary>"aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws".</summary>
    public static string Of(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return "aws-cn";
        }

        return region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
    }
}

/// <summary>What the task role may do besides what Fargo grants it: managed policies by ARN and Allow statements.</summary>
public sealed record PermissionSettings(IReadOnlyList<string> ManagedPolicies, IReadOnlyList<PermissionStatement> Statements)
{
    public static PermissionSettings None { get; } = new([], []);
}

/// <summary>
/// One Allow statement. Conditions: operator (StringEquals…) → condition key → values, as IAM's Condition block.
/// </summary>
public sealed record PermissionStatement(
    string Sid,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions);

/// <summary>How the local region builds and runs the service without Docker. {out} is the build output folder.</summary>
public sealed record LocalSettings(string? Build, string? Command);

/// <summary>
/// The names of the AWS resources of one service in one environment. They are a pure function of the
/// configuration so that the CDK stacks create exactly what deploys later look up. DeployRole is the role CI/CD
/// assumes (GitHub OIDC or the CodePipeline build) to build, push, promote and deploy into the environment; ReadRole
/// is the read-only role the next stage's job assumes to see what runs here and copy its image (promote). Those two are
/// the app's: every service of an app names the same ones (for a file of one service, the app is the service).
/// </summary>
public sealed record ResourceNames(
    string Cluster,
    string Service,
    string TaskFamily,
    string ContainerName,
    string LogGroup,
    string LogStreamPrefix,
    string Repository,
    string ExecutionRole,
    string TaskRole,
    string DeployRole,
    string ReadRole,
    string TargetGroup,
    string LoadBalancer);
