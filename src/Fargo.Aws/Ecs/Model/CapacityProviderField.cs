using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<CapacityProviderField>))]
public sealed record CapacityProviderField(string Value) : IAwsConstant<CapacityProviderField>
{
    public static CapacityProviderField Tags { get; } = new("TAGS");

    public static IReadOnlyList<CapacityProviderField> KnownValues { get; } = [Tags];

    public static CapacityProviderField FromWire(string value) => new(value);

    public override string ToString() => Value;
}
