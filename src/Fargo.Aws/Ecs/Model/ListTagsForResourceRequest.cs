using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListTagsForResourceRequest
{
    public required string ResourceArn { get; init; }
}
