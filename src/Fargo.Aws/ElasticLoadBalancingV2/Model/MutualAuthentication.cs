using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record MutualAuthentication
{
    public string? Mode { get; init; }

    public string? TrustStoreArn { get; init; }

    public bool? IgnoreClientCertificateExpiry { get; init; }

    public string? TrustStoreAssociationStatus { get; init; }
}
