namespace Fargo.Aws.Ecs;

public sealed record DescribeCapacityProvidersRequest
{
    public IReadOnlyList<string>? CapacityProviders { get; init; }

    public IReadOnlyList<CapacityProviderField>? Include { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}
