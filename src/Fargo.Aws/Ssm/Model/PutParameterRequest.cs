using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record PutParameterRequest
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Value { get; init; }

    public ParameterType? Type { get; init; }

    public string? KeyId { get; init; }

    public bool? Overwrite { get; init; }

    public string? AllowedPattern { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public ParameterTier? Tier { get; init; }

    public string? Policies { get; init; }

    public string? DataType { get; init; }
}
