using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record Parameter
{
    public string? Name { get; init; }

    public ParameterType? Type { get; init; }

    public string? Value { get; init; }

    public long? Version { get; init; }

    public string? Selector { get; init; }

    public string? SourceResult { get; init; }

    public DateTimeOffset? LastModifiedDate { get; init; }

    public string? ARN { get; init; }

    public string? DataType { get; init; }
}
