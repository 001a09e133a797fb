using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<ProtocolName>))]
public sealed record ProtocolName(string Value) : IAwsConstant<ProtocolName>
{
    public static ProtocolName Http { get; } = new("HTTP");
    public static ProtocolName Https { get; } = new("HTTPS");
    public static ProtocolName Tcp { get; } = new("TCP");
    public static ProtocolName Tls { get; } = new("TLS");
    public static ProtocolName Udp { get; } = new("UDP");
    public static ProtocolName TcpUdp { get; } = new("TCP_UDP");
    public static ProtocolName Geneve { get; } = new("GENEVE");

    public static IReadOnlyList<ProtocolName> KnownValues { get; } = [Http, Https, Tcp, Tls, Udp, TcpUdp, Geneve];

    public static ProtocolName FromWire(string value) => new(value);

    public override string ToString() => Value;
}
