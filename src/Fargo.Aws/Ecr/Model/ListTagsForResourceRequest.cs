namespace Fargo.Aws.Ecr;

public sealed record ListTagsForResourceRequest
{
    public required string ResourceArn { get; init; }
}
