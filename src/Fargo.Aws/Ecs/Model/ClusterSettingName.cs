using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ClusterSettingName>))]
public sealed record ClusterSettingName(string Value) : IAwsConstant<ClusterSettingName>
{
    public static ClusterSettingName ContainerInsights { get; } = new("containerInsights");

    public static IReadOnlyList<ClusterSettingName> KnownValues { get; } = [ContainerInsights];

    public static ClusterSettingName FromWire(string value) => new(value);

    public override string ToString() => Value;
}
