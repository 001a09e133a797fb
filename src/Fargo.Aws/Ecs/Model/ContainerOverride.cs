using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ContainerOverride
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<KeyValuePair>? Environment { get; init; }

    public IReadOnlyList<EnvironmentFile>? EnvironmentFiles { get; init; }

    public int? Cpu { get; init; }

    public int? Memory { get; init; }

    public int? MemoryReservation { get; init; }

    public IReadOnlyList<ResourceRequirement>? ResourceRequirements { get; init; }
}
