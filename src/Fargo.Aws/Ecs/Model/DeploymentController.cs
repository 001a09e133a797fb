using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeploymentController
{
    public required DeploymentControllerType Type { get; init; }
}
