using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeploymentEphemeralStorage
{
    public string? KmsKeyId { get; init; }
}
