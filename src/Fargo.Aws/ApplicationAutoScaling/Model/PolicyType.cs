using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<PolicyType>))]
public sealed record PolicyType(string Value) : IAwsConstant<PolicyType>
{
    public static PolicyType StepScaling { get; } = new("StepScaling");
    public static PolicyType TargetTrackingScaling { get; } = new("TargetTrackingScaling");

    public static IReadOnlyList<PolicyType> KnownValues { get; } = [StepScaling, TargetTrackingScaling];

    public static PolicyType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
