using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ContainerDefinition
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public RepositoryCredentials? RepositoryCredentials { get; init; }

    public int? Cpu { get; init; }

    public int? Memory { get; init; }

    public int? MemoryReservation { get; init; }

    public IReadOnlyList<string>? Links { get; init; }

    public IReadOnlyList<PortMapping>? PortMappings { get; init; }

    public bool? Essential { get; init; }

    public ContainerRestartPolicy? RestartPolicy { get; init; }

    public IReadOnlyList<string>? EntryPoint { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<KeyValuePair>? Environment { get; init; }

    public IReadOnlyList<EnvironmentFile>? EnvironmentFiles { get; init; }

    public IReadOnlyList<MountPoint>? MountPoints { get; init; }

    public IReadOnlyList<VolumeFrom>? VolumesFrom { get; init; }

    public LinuxParameters? LinuxParameters { get; init; }

    public IReadOnlyList<Secret>? Secrets { get; init; }

    public IReadOnlyList<ContainerDependency>? DependsOn { get; init; }

    public int? StartTimeout { get; init; }

    public int? StopTimeout { get; init; }

    public string? Hostname { get; init; }

    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public bool? DisableNetworking { get; init; }

    public bool? Privileged { get; init; }

    public bool? ReadonlyRootFilesystem { get; init; }

    public IReadOnlyList<string>? DnsServers { get; init; }

    public IReadOnlyList<string>? DnsSearchDomains { get; init; }

    public IReadOnlyList<HostEntry>? ExtraHosts { get; init; }

    public IReadOnlyList<string>? DockerSecurityOptions { get; init; }

    public bool? Interactive { get; init; }

    public bool? PseudoTerminal { get; init; }

    public IReadOnlyDictionary<string, string>? DockerLabels { get; init; }

    public IReadOnlyList<Ulimit>? Ulimits { get; init; }

    public LogConfiguration? LogConfiguration { get; init; }

    public HealthCheck? HealthCheck { get; init; }

    public IReadOnlyList<SystemControl>? SystemControls { get; init; }

    public IReadOnlyList<ResourceRequirement>? ResourceRequirements { get; init; }

    public FirelensConfiguration? FirelensConfiguration { get; init; }

    public IReadOnlyList<string>? CredentialSpecs { get; init; }
}
