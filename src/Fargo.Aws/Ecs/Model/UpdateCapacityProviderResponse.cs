namespace Fargo.Aws.Ecs;

public sealed record UpdateCapacityProviderResponse
{
    public CapacityProvider? CapacityProvider { get; init; }
}
