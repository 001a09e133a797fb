namespace Fargo.Aws.Ecs;

public sealed record DeleteCapacityProviderResponse
{
    public CapacityProvider? CapacityProvider { get; init; }
}
