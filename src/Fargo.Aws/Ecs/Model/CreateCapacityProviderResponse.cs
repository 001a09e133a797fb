namespace Fargo.Aws.Ecs;

public sealed record CreateCapacityProviderResponse
{
    public CapacityProvider? CapacityProvider { get; init; }
}
