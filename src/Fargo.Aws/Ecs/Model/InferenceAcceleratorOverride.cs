using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record InferenceAcceleratorOverride
{
    public string? DeviceName { get; init; }

    public string? DeviceType { get; init; }
}
