using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListTagsForResourceResponse
{
    public IReadOnlyList<Tag>? Tags { get; init; }
}
