using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Tmpfs
{
    public required string ContainerPath { get; init; }

    public required int Size { get; init; }

    public IReadOnlyList<string>? MountOptions { get; init; }
}
