using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record FixedResponseActionConfig
{
    public string? MessageBody { get; init; }

    public required string StatusCode { get; init; }

    public string? ContentType { get; init; }
}
