using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Attachment
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<KeyValuePair>? Details { get; init; }
}
