using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TaskVolumeConfiguration
{
    public required string Name { get; init; }

    public TaskManagedEbsVolumeConfiguration? ManagedEBSVolume { get; init; }
}
