using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<MetricAggregationType>))]
public sealed record MetricAggregationType(string Value) : IAwsConstant<MetricAggregationType>
{
    public static MetricAggregationType Average { get; } = new("Average");
    public static MetricAggregationType Minimum { get; } = new("Minimum");
    public static MetricAggregationType Maximum { get; } = new("Maximum");

    public static IReadOnlyList<MetricAggregationType> KnownValues { get; } = [Average, Minimum, Maximum];

    public static MetricAggregationType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
