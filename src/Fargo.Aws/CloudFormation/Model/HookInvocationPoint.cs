using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<HookInvocationPoint>))]
public sealed record HookInvocationPoint(string Value) : IAwsConstant<HookInvocationPoint>
{
    public static HookInvocationPoint PreProvision { get; } = new("PRE_PROVISION");

    public static IReadOnlyList<HookInvocationPoint> KnownValues { get; } = [PreProvision];

    public static HookInvocationPoint FromWire(string value) => new(value);

    public override string ToString() => Value;
}
