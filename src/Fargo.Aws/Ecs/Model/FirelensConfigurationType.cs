using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<FirelensConfigurationType>))]
public sealed record FirelensConfigurationType(string Value) : IAwsConstant<FirelensConfigurationType>
{
    public static FirelensConfigurationType Fluentd { get; } = new("fluentd");
    public static FirelensConfigurationType Fluentbit { get; } = new("fluentbit");

    public static IReadOnlyList<FirelensConfigurationType> KnownValues { get; } = [Fluentd, Fluentbit];

    public static FirelensConfigurationType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
