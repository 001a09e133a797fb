using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record InferenceAccelerator
{
    public required string DeviceName { get; init; }

    public required string DeviceType { get; init; }
}
