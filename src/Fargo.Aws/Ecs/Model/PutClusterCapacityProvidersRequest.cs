using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record PutClusterCapacityProvidersRequest
{
    public required string Cluster { get; init; }

    public required IReadOnlyList<string> CapacityProviders { get; init; }

    public required IReadOnlyList<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; init; }
}
