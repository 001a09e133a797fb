using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<OnFailure>))]
public sealed record OnFailure(string Value) : IAwsConstant<OnFailure>
{
    public static OnFailure DoNothing { get; } = new("DO_NOTHING");
    public static OnFailure Rollback { get; } = new("ROLLBACK");
    public static OnFailure Delete { get; } = new("DELETE");

    public static IReadOnlyList<OnFailure> KnownValues { get; } = [DoNothing, Rollback, Delete];

    public static OnFailure FromWire(string value) => new(value);

    public override string ToString() => Value;
}
