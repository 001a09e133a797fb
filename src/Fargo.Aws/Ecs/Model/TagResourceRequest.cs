using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TagResourceRequest
{
    public required string ResourceArn { get; init; }

    public required IReadOnlyList<Tag> Tags { get; init; }
}
