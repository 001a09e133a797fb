using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<IpAddressType>))]
public sealed record IpAddressType(string Value) : IAwsConstant<IpAddressType>
{
    public static IpAddressType Ipv4 { get; } = new("ipv4");
    public static IpAddressType Dualstack { get; } = new("dualstack");

    public static IReadOnlyList<IpAddressType> KnownValues { get; } = [Ipv4, Dualstack];

    public static IpAddressType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
