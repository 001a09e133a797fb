using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<DetailedStatus>))]
public sealed record DetailedStatus(string Value) : IAwsConstant<DetailedStatus>
{
    public static DetailedStatus ConfigurationComplete { get; } = new("CONFIGURATION_COMPLETE");
    public static DetailedStatus ValidationFailed { get; } = new("VALIDATION_FAILED");

    public static IReadOnlyList<DetailedStatus> KnownValues { get; } = [ConfigurationComplete, ValidationFailed];

    public static DetailedStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
