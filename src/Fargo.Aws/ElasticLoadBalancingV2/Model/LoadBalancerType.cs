using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<LoadBalancerType>))]
public sealed record LoadBalancerType(string Value) : IAwsConstant<LoadBalancerType>
{
    public static LoadBalancerType Application { get; } = new("application");
    public static LoadBalancerType Network { get; } = new("network");
    public static LoadBalancerType Gateway { get; } = new("gateway");

    public static IReadOnlyList<LoadBalancerType> KnownValues { get; } = [Application, Network, Gateway];

    public static LoadBalancerType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
