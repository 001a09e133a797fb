using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<Capability>))]
public sealed record Capability(string Value) : IAwsConstant<Capability>
{
    public static Capability CapabilityIam { get; } = new("CAPABILITY_IAM");
    public static Capability CapabilityNamedIam { get; } = new("CAPABILITY_NAMED_IAM");
    public static Capability CapabilityAutoExpand { get; } = new("CAPABILITY_AUTO_EXPAND");

    public static IReadOnlyList<Capability> KnownValues { get; } = [CapabilityIam, CapabilityNamedIam, CapabilityAutoExpand];

    public static Capability FromWire(string value) => new(value);

    public override string ToString() => Value;
}
