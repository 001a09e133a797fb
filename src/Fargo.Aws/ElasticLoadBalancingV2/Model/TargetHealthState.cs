using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<TargetHealthState>))]
public sealed record TargetHealthState(string Value) : IAwsConstant<TargetHealthState>
{
    public static TargetHealthState Initial { get; } = new("initial");
    public static TargetHealthState Healthy { get; } = new("healthy");
    public static TargetHealthState Unhealthy { get; } = new("unhealthy");
    public static TargetHealthState Unused { get; } = new("unused");
    public static TargetHealthState Draining { get; } = new("draining");
    public static TargetHealthState Unavailable { get; } = new("unavailable");

    public static IReadOnlyList<TargetHealthState> KnownValues { get; } = [Initial, Healthy, Unhealthy, Unused, Draining, Unavailable];

    public static TargetHealthState FromWire(string value) => new(value);

    public override string ToString() => Value;
}
