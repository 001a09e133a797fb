using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ServiceField>))]
public sealed record ServiceField(string Value) : IAwsConstant<ServiceField>
{
    public static ServiceField Tags { get; } = new("TAGS");

    public static IReadOnlyList<ServiceField> KnownValues { get; } = [Tags];

    public static ServiceField FromWire(string value) => new(value);

    public override string ToString() => Value;
}
