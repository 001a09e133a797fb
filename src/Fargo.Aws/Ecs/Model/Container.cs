using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Container
{
    public string? ContainerArn { get; init; }

    public string? TaskArn { get; init; }

    public string? Name { get; init; }

    public string? Image { get; init; }

    public string? ImageDigest { get; init; }

    public string? RuntimeId { get; init; }

    public string? LastStatus { get; init; }

    public int? ExitCode { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<NetworkBinding>? NetworkBindings { get; init; }

    public IReadOnlyList<NetworkInterface>? NetworkInterfaces { get; init; }

    public HealthStatus? HealthStatus { get; init; }

    public IReadOnlyList<ManagedAgent>? ManagedAgents { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public string? MemoryReservation { get; init; }

    public IReadOnlyList<string>? GpuIds { get; init; }
}
