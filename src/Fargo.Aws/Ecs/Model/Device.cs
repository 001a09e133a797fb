using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Device
{
    public required string HostPath { get; init; }

    public string? ContainerPath { get; init; }

    public IReadOnlyList<DeviceCgroupAccess>? Permissions { get; init; }
}
