using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<RequiresRecreation>))]
public sealed record RequiresRecreation(string Value) : IAwsConstant<RequiresRecreation>
{
    public static RequiresRecreation Never { get; } = new("Never");
    public static RequiresRecreation Conditionally { get; } = new("Conditionally");
    public static RequiresRecreation Always { get; } = new("Always");

    public static IReadOnlyList<RequiresRecreation> KnownValues { get; } = [Never, Conditionally, Always];

    public static RequiresRecreation FromWire(string value) => new(value);

    public override string ToString() => Value;
}
