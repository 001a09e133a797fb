using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ssm;

[JsonConverter(typeof(AwsConstantJsonConverter<ParameterType>))]
public sealed record ParameterType(string Value) : IAwsConstant<ParameterType>
{
#pragma warning disable CA1720 // "String" is the parameter type's own name in SSM; a different name would hide it.
    public static ParameterType String { get; } = new("String");
#pragma warning restore CA1720
    public static ParameterType StringList { get; } = new("StringList");
    public static ParameterType SecureString { get; } = new("SecureString");

    public static IReadOnlyList<ParameterType> KnownValues { get; } = [String, StringList, SecureString];

    public static ParameterType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
