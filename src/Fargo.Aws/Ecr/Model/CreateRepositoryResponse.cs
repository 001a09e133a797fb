using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record CreateRepositoryResponse
{
    public Repository? Repository { get; init; }
}
