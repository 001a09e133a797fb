using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

[JsonConverter(typeof(AwsConstantJsonConverter<FindingSeverity>))]
public sealed record FindingSeverity(string Value) : IAwsConstant<FindingSeverity>
{
    public static FindingSeverity Informational { get; } = new("INFORMATIONAL");
    public static FindingSeverity Low { get; } = new("LOW");
    public static FindingSeverity Medium { get; } = new("MEDIUM");
    public static FindingSeverity High { get; } = new("HIGH");
    public static FindingSeverity Critical { get; } = new("CRITICAL");
    public static FindingSeverity Undefined { get; } = new("UNDEFINED");

    public static IReadOnlyList<FindingSeverity> KnownValues { get; } = [Informational, Low, Medium, High, Critical, Undefined];

    public static FindingSeverity FromWire(string value) => new(value);

    public override string ToString() => Value;
}
