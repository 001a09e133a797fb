namespace Fargo.Aws.Ecs;

public sealed record DeleteCapacityProviderRequest
{
    public required string CapacityProvider { get; init; }
}
