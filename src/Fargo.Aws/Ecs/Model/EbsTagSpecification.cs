using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record EbsTagSpecification
{
    public required string ResourceType { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public string? PropagateTags { get; init; }
}
