using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record LinuxParameters
{
    public KernelCapabilities? Capabilities { get; init; }

    public IReadOnlyList<Device>? Devices { get; init; }

    public bool? InitProcessEnabled { get; init; }

    public int? SharedMemorySize { get; init; }

    public IReadOnlyList<Tmpfs>? Tmpfs { get; init; }

    public int? MaxSwap { get; init; }

    public int? Swappiness { get; init; }
}
