using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<MetricStatistic>))]
public sealed record MetricStatistic(string Value) : IAwsConstant<MetricStatistic>
{
    public static MetricStatistic Average { get; } = new("Average");
    public static MetricStatistic Minimum { get; } = new("Minimum");
    public static MetricStatistic Maximum { get; } = new("Maximum");
    public static MetricStatistic SampleCount { get; } = new("SampleCount");
    public static MetricStatistic Sum { get; } = new("Sum");

    public static IReadOnlyList<MetricStatistic> KnownValues { get; } = [Average, Minimum, Maximum, SampleCount, Sum];

    public static MetricStatistic FromWire(string value) => new(value);

    public override string ToString() => Value;
}
