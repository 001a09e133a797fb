using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<EvaluationType>))]
public sealed record EvaluationType(string Value) : IAwsConstant<EvaluationType>
{
    public static EvaluationType Static { get; } = new("Static");
    public static EvaluationType Dynamic { get; } = new("Dynamic");

    public static IReadOnlyList<EvaluationType> KnownValues { get; } = [Static, Dynamic];

    public static EvaluationType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
