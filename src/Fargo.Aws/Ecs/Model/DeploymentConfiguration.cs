using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeploymentConfiguration
{
    public DeploymentCircuitBreaker? DeploymentCircuitBreaker { get; init; }

    public int? MaximumPercent { get; init; }

    public int? MinimumHealthyPercent { get; init; }

    public DeploymentAlarms? Alarms { get; init; }
}
