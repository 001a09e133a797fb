using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record Listener
{
    public string? ListenerArn { get; init; }

    public string? LoadBalancerArn { get; init; }

    public int? Port { get; init; }

    public ProtocolName? Protocol { get; init; }

    public IReadOnlyList<Certificate>? Certificates { get; init; }

    public string? SslPolicy { get; init; }

    public IReadOnlyList<ListenerAction>? DefaultActions { get; init; }

    public IReadOnlyList<string>? AlpnPolicy { get; init; }

    public MutualAuthentication? MutualAuthentication { get; init; }
}
