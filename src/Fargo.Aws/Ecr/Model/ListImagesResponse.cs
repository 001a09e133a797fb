namespace Fargo.Aws.Ecr;

public sealed record ListImagesResponse
{
    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }

    public string? NextToken { get; init; }
}
