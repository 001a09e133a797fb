using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudWatchLogs;

/// <summary>The unit of a metric filter's metric (CloudWatch's StandardUnit).</summary>
[JsonConverter(typeof(AwsConstantJsonConverter<StandardUnit>))]
public sealed record StandardUnit(string Value) : IAwsConstant<StandardUnit>
{
    public static StandardUnit Seconds { get; } = new("Seconds");
    public static StandardUnit Microseconds { get; } = new("Microseconds");
    public static StandardUnit Milliseconds { get; } = new("Milliseconds");
    public static StandardUnit Bytes { get; } = new("Bytes");
    public static StandardUnit Kilobytes { get; } = new("Kilobytes");
    public static StandardUnit Megabytes { get; } = new("Megabytes");
    public static StandardUnit Gigabytes { get; } = new("Gigabytes");
    public static StandardUnit Terabytes { get; } = new("Terabytes");
    public static StandardUnit Bits { get; } = new("Bits");
    public static StandardUnit Kilobits { get; } = new("Kilobits");
    public static StandardUnit Megabits { get; } = new("Megabits");
    public static StandardUnit Gigabits { get; } = new("Gigabits");
    public static StandardUnit Terabits { get; } = new("Terabits");
    public static StandardUnit Percent { get; } = new("Percent");
    public static StandardUnit Count { get; } = new("Count");
    public static StandardUnit BytesPerSecond { get; } = new("Bytes/Second");
    public static StandardUnit KilobytesPerSecond { get; } = new("Kilobytes/Second");
    public static StandardUnit MegabytesPerSecond { get; } = new("Megabytes/Second");
    public static StandardUnit GigabytesPerSecond { get; } = new("Gigabytes/Second");
    public static StandardUnit TerabytesPerSecond { get; } = new("Terabytes/Second");
    public static StandardUnit BitsPerSecond { get; } = new("Bits/Second");
    public static StandardUnit KilobitsPerSecond { get; } = new("Kilobits/Second");
    public static StandardUnit MegabitsPerSecond { get; } = new("Megabits/Second");
    public static StandardUnit GigabitsPerSecond { get; } = new("Gigabits/Second");
    public static StandardUnit TerabitsPerSecond { get; } = new("Terabits/Second");
    public static StandardUnit CountPerSecond { get; } = new("Count/Second");
    public static StandardUnit None { get; } = new("None");

    public static IReadOnlyList<StandardUnit> KnownValues { get; } = [Seconds, Microseconds, Milliseconds, Bytes, Kilobytes, Megabytes, Gigabytes, Terabytes, Bits, Kilobits, Megabits, Gigabits, Terabits, Percent, Count, BytesPerSecond, KilobytesPerSecond, MegabytesPerSecond, GigabytesPerSecond, TerabytesPerSecond, BitsPerSecond, KilobitsPerSecond, MegabitsPerSecond, GigabitsPerSecond, TerabitsPerSecond, CountPerSecond, None];

    public static StandardUnit FromWire(string value) => new(value);

    public override string ToString() => Value;
}
