using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record Tag
{
    public required string Key { get; init; }

    public string? Value { get; init; }
}
