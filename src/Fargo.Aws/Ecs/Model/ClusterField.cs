using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ClusterField>))]
public sealed record ClusterField(string Value) : IAwsConstant<ClusterField>
{
    public static ClusterField Attachments { get; } = new("ATTACHMENTS");
    public static ClusterField Configurations { get; } = new("CONFIGURATIONS");
    public static ClusterField Settings { get; } = new("SETTINGS");
    public static ClusterField Statistics { get; } = new("STATISTICS");
    public static ClusterField Tags { get; } = new("TAGS");

    public static IReadOnlyList<ClusterField> KnownValues { get; } = [Attachments, Configurations, Settings, Statistics, Tags];

    public static ClusterField FromWire(string value) => new(value);

    public override string ToString() => Value;
}
