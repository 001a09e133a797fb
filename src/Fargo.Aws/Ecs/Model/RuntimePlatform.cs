using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record RuntimePlatform
{
    public CpuArchitecture? CpuArchitecture { get; init; }

    public OSFamily? OperatingSystemFamily { get; init; }
}
