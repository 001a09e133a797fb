using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record CapacityProviderStrategyItem
{
    public required string CapacityProvider { get; init; }

    public int? Weight { get; init; }

    public int? Base { get; init; }
}
