using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutImageTagMutabilityRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required ImageTagMutability ImageTagMutability { get; init; }
}
