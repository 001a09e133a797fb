using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Ulimit
{
    public required UlimitName Name { get; init; }

    public required int SoftLimit { get; init; }

    public required int HardLimit { get; init; }
}
