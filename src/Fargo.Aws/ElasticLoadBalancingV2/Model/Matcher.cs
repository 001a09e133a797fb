using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record Matcher
{
    public string? HttpCode { get; init; }

    public string? GrpcCode { get; init; }
}
