namespace Fargo.Aws.Ecr;

public sealed record ListImagesRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public ListImagesFilter? Filter { get; init; }
}

public sealed record ListImagesFilter
{
    public TagStatus? TagStatus { get; init; }
}
