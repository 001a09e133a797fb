using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutImageTagMutabilityResponse
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public ImageTagMutability? ImageTagMutability { get; init; }
}
