using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record Certificate
{
    public string? CertificateArn { get; init; }

    public bool? IsDefault { get; init; }
}
