using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<TargetType>))]
public sealed record TargetType(string Value) : IAwsConstant<TargetType>
{
    public static TargetType Instance { get; } = new("instance");
    public static TargetType Ip { get; } = new("ip");
    public static TargetType Lambda { get; } = new("lambda");
    public static TargetType Alb { get; } = new("alb");

    public static IReadOnlyList<TargetType> KnownValues { get; } = [Instance, Ip, Lambda, Alb];

    public static TargetType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
