using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<TargetGroupIpAddressType>))]
public sealed record TargetGroupIpAddressType(string Value) : IAwsConstant<TargetGroupIpAddressType>
{
    public static TargetGroupIpAddressType Ipv4 { get; } = new("ipv4");
    public static TargetGroupIpAddressType Ipv6 { get; } = new("ipv6");

    public static IReadOnlyList<TargetGroupIpAddressType> KnownValues { get; } = [Ipv4, Ipv6];

    public static TargetGroupIpAddressType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
