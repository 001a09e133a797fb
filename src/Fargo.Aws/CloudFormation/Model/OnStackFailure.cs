using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<OnStackFailure>))]
public readonly record struct OnStackFailure(string Value) : IAwsConstant<OnStackFailure>
{
    public static OnStackFailure DoNothing { get; } = new("DO_NOTHING");
    public static OnStackFailure Rollback { get; } = new("ROLLBACK");
    public static OnStackFailure Delete { get; } = new("DELETE");

    public static IReadOnlyList<OnStackFailure> KnownValues { get; } = [DoNothing, Rollback, Delete];

    public static OnStackFailure FromWire(string value) => new(value);

    public override string ToString() => Value;
}
