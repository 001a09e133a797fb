using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<AdjustmentType>))]
public sealed record AdjustmentType(string Value) : IAwsConstant<AdjustmentType>
{
    public static AdjustmentType ChangeInCapacity { get; } = new("ChangeInCapacity");
    public static AdjustmentType PercentChangeInCapacity { get; } = new("PercentChangeInCapacity");
    public static AdjustmentType ExactCapacity { get; } = new("ExactCapacity");

    public static IReadOnlyList<AdjustmentType> KnownValues { get; } = [ChangeInCapacity, PercentChangeInCapacity, ExactCapacity];

    public static AdjustmentType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
