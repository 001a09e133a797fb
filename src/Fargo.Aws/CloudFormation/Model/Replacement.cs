using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<Replacement>))]
public sealed record Replacement(string Value) : IAwsConstant<Replacement>
{
    public static Replacement True { get; } = new("True");
    public static Replacement False { get; } = new("False");
    public static Replacement Conditional { get; } = new("Conditional");

    public static IReadOnlyList<Replacement> KnownValues { get; } = [True, False, Conditional];

    public static Replacement FromWire(string value) => new(value);

    public override string ToString() => Value;
}
