using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record CreateListenerRequest
{
    public required string LoadBalancerArn { get; init; }

    public ProtocolName? Protocol { get; init; }

    public int? Port { get; init; }

    public string? SslPolicy { get; init; }

    public IReadOnlyList<Certificate>? Certificates { get; init; }

    public required IReadOnlyList<ListenerAction> DefaultActions { get; init; }

    public IReadOnlyList<string>? AlpnPolicy { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public MutualAuthentication? MutualAuthentication { get; init; }
}
