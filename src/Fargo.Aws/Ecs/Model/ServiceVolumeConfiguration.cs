using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceVolumeConfiguration
{
    public required string Name { get; init; }

    public ServiceManagedEbsVolumeConfiguration? ManagedEBSVolume { get; init; }
}
