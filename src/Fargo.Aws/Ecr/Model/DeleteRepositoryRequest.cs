using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record DeleteRepositoryRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public bool? Force { get; init; }
}
