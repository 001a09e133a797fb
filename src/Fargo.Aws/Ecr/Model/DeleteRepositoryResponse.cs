using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record DeleteRepositoryResponse
{
    public Repository? Repository { get; init; }
}
