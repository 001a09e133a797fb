using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UntagResourceRequest
{
    public required string ResourceArn { get; init; }

    public required IReadOnlyList<string> TagKeys { get; init; }
}
