using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<CallAs>))]
public sealed record CallAs(string Value) : IAwsConstant<CallAs>
{
    public static CallAs Self { get; } = new("SELF");
    public static CallAs DelegatedAdmin { get; } = new("DELEGATED_ADMIN");

    public static IReadOnlyList<CallAs> KnownValues { get; } = [Self, DelegatedAdmin];

    public static CallAs FromWire(string value) => new(value);

    public override string ToString() => Value;
}
