using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record ParameterMetadata
{
    public string? Name { get; init; }

    public string? ARN { get; init; }

    public ParameterType? Type { get; init; }

    public string? KeyId { get; init; }

    public DateTimeOffset? LastModifiedDate { get; init; }

    public string? LastModifiedUser { get; init; }

    public string? Description { get; init; }

    public string? AllowedPattern { get; init; }

    public long? Version { get; init; }

    public ParameterTier? Tier { get; init; }

    public IReadOnlyList<ParameterInlinePolicy>? Policies { get; init; }

    public string? DataType { get; init; }
}
