using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TaskEphemeralStorage
{
    public int? SizeInGiB { get; init; }

    public string? KmsKeyId { get; init; }
}
