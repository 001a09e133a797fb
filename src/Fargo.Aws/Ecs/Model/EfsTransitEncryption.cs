using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<EfsTransitEncryption>))]
public sealed record EfsTransitEncryption(string Value) : IAwsConstant<EfsTransitEncryption>
{
    public static EfsTransitEncryption Enabled { get; } = new("ENABLED");
    public static EfsTransitEncryption Disabled { get; } = new("DISABLED");

    public static IReadOnlyList<EfsTransitEncryption> KnownValues { get; } = [Enabled, Disabled];

    public static EfsTransitEncryption FromWire(string value) => new(value);

    public override string ToString() => Value;
}
