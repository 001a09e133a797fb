namespace Fargo.Aws.Ecr;

public sealed record UntagResourceRequest
{
    public required string ResourceArn { get; init; }

    public required IReadOnlyList<string> TagKeys { get; init; }
}
