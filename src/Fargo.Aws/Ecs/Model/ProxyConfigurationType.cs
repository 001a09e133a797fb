using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ProxyConfigurationType>))]
public sealed record ProxyConfigurationType(string Value) : IAwsConstant<ProxyConfigurationType>
{
    public static ProxyConfigurationType Appmesh { get; } = new("APPMESH");

    public static IReadOnlyList<ProxyConfigurationType> KnownValues { get; } = [Appmesh];

    public static ProxyConfigurationType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
