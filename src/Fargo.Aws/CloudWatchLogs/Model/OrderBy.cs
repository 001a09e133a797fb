using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudWatchLogs;

[JsonConverter(typeof(AwsConstantJsonConverter<OrderBy>))]
public sealed record OrderBy(string Value) : IAwsConstant<OrderBy>
{
    public static OrderBy LogStreamName { get; } = new("LogStreamName");
    public static OrderBy LastEventTime { get; } = new("LastEventTime");

    public static IReadOnlyList<OrderBy> KnownValues { get; } = [LogStreamName, LastEventTime];

    public static OrderBy FromWire(string value) => new(value);

    public override string ToString() => Value;
}
