namespace Fargo.Aws.Ecr;

public sealed record TagResourceRequest
{
    /// <summary>A repository's ARN.</summary>
    public required string ResourceArn { get; init; }

    public required IReadOnlyList<Tag> Tags { get; init; }
}
