using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

[JsonConverter(typeof(AwsConstantJsonConverter<ImageTagMutability>))]
public sealed record ImageTagMutability(string Value) : IAwsConstant<ImageTagMutability>
{
    public static ImageTagMutability Mutable { get; } = new("MUTABLE");
    public static ImageTagMutability Immutable { get; } = new("IMMUTABLE");

    public static IReadOnlyList<ImageTagMutability> KnownValues { get; } = [Mutable, Immutable];

    public static ImageTagMutability FromWire(string value) => new(value);

    public override string ToString() => Value;
}
