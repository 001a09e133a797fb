using System.Globalization;
using Fargo.Aws.Ecs;
using Fargo.Config.Model;
using ConfigCpuArchitecture = Fargo.Config.Model.CpuArchitecture;
using EcsCpuArchitecture = Fargo.Aws.Ecs.CpuArchitecture;
using ContainerDependency = Fargo.Aws.Ecs.ContainerDependency;
using ContainerHealthCheck = Fargo.Config.Model.ContainerHealthCheck;
using EcsKeyValuePair = Fargo.Aws.Ecs.KeyValuePair;

namespace Fargo.Deploy.Rendering;

/// <summary>
/// Turns the effective configuration of one environment plus an image into the body of ECS's
/// RegisterTaskDefinition request. Pure and deterministic: the same input gives the same request, member
/// for member and in the same order, so "nothing changed" can be detected by comparing renderings.
/// Secrets are referenced by ARN only; their values are never read here.
/// </summary>
public static class TaskDefinitionRenderer
{
    // Fargate's cpu and memory for the flat format of older deploy scripts (issue 2: "cpu 256, memory 512").
    private const string FlatCpu = "256";
    private const string FlatMemory = "512";

    /// <summary>Tag keys that say which service and environment a revision belongs to.</summary>
    public const string ServiceTagKey = "fargo:service";

    public const string EnvironmentTagKey = "fargo:environment";

    /// <summary>
    /// The task definition of a service in one environment.
    /// </summary>
    /// <param name="settings">The environment's effective configuration.</param>
    /// <param name="image">The image URI, ideally pinned by digest (repo@sha256:…).</param>
    /// <param name="parametersUnderSecretsPath">
    /// The names of the SSM parameters found under <see cref="SecretSettings.Path"/> (a deploy lists them;
    /// an offline rendering passes none). Each becomes a secret named after the parameter's last segment:
    /// "/todo-api/DB_PASSWORD" gives DB_PASSWORD. The explicit [secrets] map wins when both name the same
    /// variable.
    /// </param>
    public static RegisterTaskDefinitionRequest Render(
        ServiceSettings settings,
        string image,
        IEnumerable<string>? parametersUnderSecretsPath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var (account, region) = RequireAccountAndRegion(settings.Environment);
        var names = settings.Names;

        var secrets = PathSecrets(parametersUnderSecretsPath, settings.Secrets.Path, region, account);

        foreach (var (variable, reference) in settings.Secrets.Explicit)
        {
            secrets[variable] = SecretReference(reference, region, account);
        }

        var container = new ContainerDefinition
        {
            Name = names.ContainerName,
            Image = image,
            Essential = true,
            PortMappings = settings.Port is { } port ? [PortMappingFor(port)] : null,
            Environment = EnvironmentVariables(settings.ContainerEnvironment),
            HealthCheck = HealthCheckOf(settings.Health.ContainerCheck),
            Secrets = secrets.Count == 0 ? null : [.. secrets.Select(s => new Secret { Name = s.Key, ValueFrom = s.Value })],
            LogConfiguration = AwsLogs(names.LogGroup, region, names.LogStreamPrefix),

            // Member for member what ServiceStack gives the container (ContainerSettings decides them both).
            Memory = settings.Container.Memory,
            MemoryReservation = settings.Container.MemoryReservation,
            EntryPoint = settings.Container.EntryPoint is { } entryPoint ? [.. entryPoint] : null,
            Command = settings.Container.Command is { } command ? [.. command] : null,
            WorkingDirectory = settings.Container.WorkingDirectory,
            StopTimeout = settings.Container.StopTimeoutSeconds,
        };

        return new RegisterTaskDefinitionRequest
        {
            Family = names.TaskFamily,
            TaskRoleArn = settings.Iam.RoleArn(region, account, names.TaskRole),
            ExecutionRoleArn = settings.Iam.RoleArn(region, account, names.ExecutionRole),
            NetworkMode = NetworkMode.Awsvpc,
            ContainerDefinitions = [container, .. settings.Sidecars.Select(sidecar => Sidecar(sidecar, image, names, region, account))],
            RequiresCompatibilities = [Compatibility.Fargate],
            Cpu = settings.Resources.Cpu.ToString(CultureInfo.InvariantCulture),
            Memory = settings.Resources.Memory.ToString(CultureInfo.InvariantCulture),
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = settings.Resources.Architecture == ConfigCpuArchitecture.Arm64 ? EcsCpuArchitecture.Arm64 : EcsCpuArchitecture.X64,
                OperatingSystemFamily = OSFamily.Linux,
            },
            Tags =
            [
                new Tag { Key = EnvironmentTagKey, Value = settings.Environment.Name },
                new Tag { Key = ServiceTagKey, Value = settings.Name },
            ],
        };
    }

    /// <summary>
    /// A sidecar ([containers]), member for member what ServiceStack gives it (SidecarSettings decides them both): its
    /// image or the service's, the service's log group, its own variables and secrets, its dependencies.
    /// </summary>
    private static ContainerDefinition Sidecar(SidecarSettings sidecar, string serviceImage, ResourceNames names, string region, string account) => new()
    {
        Name = sidecar.Name,
        Image = sidecar.Image ?? serviceImage,
        Essential = sidecar.Essential,
        Cpu = sidecar.Cpu,
        Memory = sidecar.Memory,
        EntryPoint = sidecar.EntryPoint is { } entryPoint ? [.. entryPoint] : null,
        Command = sidecar.Command is { } command ? [.. command] : null,
        PortMappings = sidecar.Port is { } port ? [PortMappingFor(port)] : null,
        Environment = EnvironmentVariables(sidecar.Environment),
        Secrets = sidecar.Secrets.Count == 0
            ? null
            : [.. sidecar.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new Secret { Name = s.Key, ValueFrom = SecretReference(s.Value, region, account) })],
        HealthCheck = HealthCheckOf(sidecar.HealthCheck),
        DependsOn = sidecar.DependsOn.Count == 0
            ? null
            : [.. sidecar.DependsOn.Select(d => new ContainerDependency { ContainerName = d.Container, Condition = ContainerCondition.FromWire(d.Condition) })],
        LogConfiguration = AwsLogs(names.LogGroup, region, names.LogStreamPrefix),
    };

    private static HealthCheck? HealthCheckOf(ContainerHealthCheck? check) => check is null
        ? null
        : new HealthCheck { Command = check.Command, Interval = check.IntervalSeconds, Timeout = check.TimeoutSeconds, Retries = check.Retries, StartPeriod = check.StartPeriodSeconds };

    /// <summary>
    /// The task definition of the flat format, exactly as older deploy scripts registered it: family and
    /// container named after the service, cpu "256", memory "512", awsvpc, FARGATE, the port, the roles given,
    /// every parameter under "/&lt;service&gt;" as a secret, and awslogs to "/aws/ecs/fargate/&lt;service&gt;"
    /// with stream prefix "&lt;service&gt;".
    /// </summary>
    /// <param name="parametersUnderServicePath">The parameters found under "/&lt;service&gt;" (none offline).</param>
    public static RegisterTaskDefinitionRequest Render(
        FlatServiceConfig config,
        string image,
        IEnumerable<string>? parametersUnderServicePath = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var secretsPath = FlatSecretsPath(config);

        var secrets = PathSecrets(parametersUnderServicePath, secretsPath, config.Region, config.Account);

        var container = new ContainerDefinition
        {
            Name = config.Service,
            Image = image,
            Essential = true,
            PortMappings = [PortMappingFor(config.Port)],
            Secrets = secrets.Count == 0 ? null : [.. secrets.Select(s => new Secret { Name = s.Key, ValueFrom = s.Value })],
            LogConfiguration = AwsLogs(FlatLogGroup(config), config.Region, config.Service),
        };

        return new RegisterTaskDefinitionRequest
        {
            Family = config.Service,
            TaskRoleArn = config.TaskRoleArn,
            ExecutionRoleArn = config.ExecutionRoleArn,
            NetworkMode = NetworkMode.Awsvpc,
            ContainerDefinitions = [container],
            RequiresCompatibilities = [Compatibility.Fargate],
            Cpu = FlatCpu,
            Memory = FlatMemory,
        };
    }

    /// <summary>The secrets path of the flat format: "/&lt;service&gt;".</summary>
    public static string FlatSecretsPath(FlatServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return "/" + config.Service;
    }

    /// <summary>The log group of the flat format: "/aws/ecs/fargate/&lt;service&gt;".</summary>
    public static string FlatLogGroup(FlatServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return "/aws/ecs/fargate/" + config.Service;
    }

    /// <summary>
    /// The environment variable a parameter under the secrets path is handed to the task as: the parameter
    /// name's last segment, as the configuration reference says ("/todo-api/API_KEY" gives API_KEY; case is
    /// kept, because `fargo secret set NAME` stores NAME as written).
    /// </summary>
    public static string SecretVariableName(string parameterName, string secretsPath)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        ArgumentNullException.ThrowIfNull(secretsPath);
        var prefix = secretsPath.TrimEnd('/') + "/";
        if (!parameterName.StartsWith(prefix, StringComparison.Ordinal) || parameterName.EndsWith('/') || parameterName.Length == prefix.Length)
        {
            // The caller lists the path; a name outside it is a bug in the caller, not in the user's config.
            throw new ArgumentException($"Parameter '{parameterName}' is not under the secrets path '{secretsPath}'.", nameof(parameterName));
        }

        return parameterName[(parameterName.LastIndexOf('/') + 1)..];
    }

    // Parameters found under the secrets path, by variable name. Two parameters whose last segments agree
    // (/svc/a/KEY and /svc/b/KEY) would silently shadow each other, so that is refused.
    private static SortedDictionary<string, string> PathSecrets(IEnumerable<string>? parameters, string secretsPath, string region, string account)
    {
        var secrets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in (parameters ?? []).Order(StringComparer.Ordinal))
        {
            var variable = SecretVariableName(parameter, secretsPath);
            if (sources.TryGetValue(variable, out var earlier))
            {
                throw new TaskDefinitionRenderException(
                    $"Parameters {earlier} and {parameter} would both be the secret {variable}.",
                    $"Rename or move one of them, or map {variable} explicitly under [secrets].");
            }

            sources[variable] = parameter;
            secrets[variable] = AwsNames.SsmParameterArn(region, account, parameter);
        }

        return secrets;
    }

    internal static (string Account, string Region) RequireAccountAndRegion(EnvironmentTarget environment)
    {
        if (string.IsNullOrEmpty(environment.Account))
        {
            throw new TaskDefinitionRenderException(
                $"Environment '{environment.Name}' has no AWS account.",
                $"Set account = \"123456789012\" under [environments.{environment.Name}] in fargo.toml.");
        }

        if (string.IsNullOrEmpty(environment.Region))
        {
            throw new TaskDefinitionRenderException(
                $"Environment '{environment.Name}' has no AWS region.",
                $"Set region = \"us-east-1\" (for example) under [environments.{environment.Name}] in fargo.toml.");
        }

        return (environment.Account, environment.Region);
    }

    // A full ARN (SSM parameter or Secrets Manager secret, possibly with a JSON key suffix) is used as given;
    // anything else is an SSM parameter name in this environment's account and region.
    private static string SecretReference(string reference, string region, string account) =>
        reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : AwsNames.SsmParameterArn(region, account, reference);

    private static PortMapping PortMappingFor(int port) => new()
    {
        ContainerPort = port,
        Protocol = TransportProtocol.Tcp,
    };

    private static List<EcsKeyValuePair>? EnvironmentVariables(IReadOnlyDictionary<string, string> variables) =>
        variables.Count == 0
            ? null
            : [.. variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new EcsKeyValuePair { Name = v.Key, Value = v.Value })];

    private static LogConfiguration AwsLogs(string group, string region, string streamPrefix) => new()
    {
        LogDriver = LogDriver.Awslogs,
        // Sorted so the rendering is byte-for-byte stable.
        Options = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["awslogs-group"] = group,
            ["awslogs-region"] = region,
            ["awslogs-stream-prefix"] = streamPrefix,
        },
    };
}
