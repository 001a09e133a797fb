using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record RepositoryCredentials
{
    public required string CredentialsParameter { get; init; }
}
