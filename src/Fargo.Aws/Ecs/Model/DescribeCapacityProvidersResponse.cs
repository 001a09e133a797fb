namespace Fargo.Aws.Ecs;

public sealed record DescribeCapacityProvidersResponse
{
    public IReadOnlyList<CapacityProvider>? CapacityProviders { get; init; }

    public IReadOnlyList<Failure>? Failures { get; init; }

    public string? NextToken { get; init; }
}
