using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TransportProtocol>))]
public sealed record TransportProtocol(string Value) : IAwsConstant<TransportProtocol>
{
    public static TransportProtocol Tcp { get; } = new("tcp");
    public static TransportProtocol Udp { get; } = new("udp");

    public static IReadOnlyList<TransportProtocol> KnownValues { get; } = [Tcp, Udp];

    public static TransportProtocol FromWire(string value) => new(value);

    public override string ToString() => Value;
}
