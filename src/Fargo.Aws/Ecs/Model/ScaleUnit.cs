using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ScaleUnit>))]
public sealed record ScaleUnit(string Value) : IAwsConstant<ScaleUnit>
{
    public static ScaleUnit Percent { get; } = new("PERCENT");

    public static IReadOnlyList<ScaleUnit> KnownValues { get; } = [Percent];

    public static ScaleUnit FromWire(string value) => new(value);

    public override string ToString() => Value;
}
