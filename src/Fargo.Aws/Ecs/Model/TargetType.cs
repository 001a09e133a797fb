using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TargetType>))]
public sealed record TargetType(string Value) : IAwsConstant<TargetType>
{
    public static TargetType ContainerInstance { get; } = new("container-instance");

    public static IReadOnlyList<TargetType> KnownValues { get; } = [ContainerInstance];

    public static TargetType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
