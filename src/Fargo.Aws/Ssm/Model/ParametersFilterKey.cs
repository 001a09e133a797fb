using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ssm;

[JsonConverter(typeof(AwsConstantJsonConverter<ParametersFilterKey>))]
public sealed record ParametersFilterKey(string Value) : IAwsConstant<ParametersFilterKey>
{
    public static ParametersFilterKey Name { get; } = new("Name");
    public static ParametersFilterKey Type { get; } = new("Type");
    public static ParametersFilterKey KeyId { get; } = new("KeyId");

    public static IReadOnlyList<ParametersFilterKey> KnownValues { get; } = [Name, Type, KeyId];

    public static ParametersFilterKey FromWire(string value) => new(value);

    public override string ToString() => Value;
}
