using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<AfterValueFrom>))]
public readonly record struct AfterValueFrom(string Value) : IAwsConstant<AfterValueFrom>
{
    public static AfterValueFrom Template { get; } = new("TEMPLATE");

    public static IReadOnlyList<AfterValueFrom> KnownValues { get; } = [Template];

    public static AfterValueFrom FromWire(string value) => new(value);

    public override string ToString() => Value;
}
