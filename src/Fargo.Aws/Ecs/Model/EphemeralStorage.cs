using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record EphemeralStorage
{
    public required int SizeInGiB { get; init; }
}
