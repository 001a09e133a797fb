using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<LoadBalancerScheme>))]
public sealed record LoadBalancerScheme(string Value) : IAwsConstant<LoadBalancerScheme>
{
    public static LoadBalancerScheme InternetFacing { get; } = new("internet-facing");
    public static LoadBalancerScheme Internal { get; } = new("internal");

    public static IReadOnlyList<LoadBalancerScheme> KnownValues { get; } = [InternetFacing, Internal];

    public static LoadBalancerScheme FromWire(string value) => new(value);

    public override string ToString() => Value;
}
