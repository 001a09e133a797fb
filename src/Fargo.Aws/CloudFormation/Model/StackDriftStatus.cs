using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<StackDriftStatus>))]
public sealed record StackDriftStatus(string Value) : IAwsConstant<StackDriftStatus>
{
    public static StackDriftStatus Drifted { get; } = new("DRIFTED");
    public static StackDriftStatus InSync { get; } = new("IN_SYNC");
    public static StackDriftStatus Unknown { get; } = new("UNKNOWN");
    public static StackDriftStatus NotChecked { get; } = new("NOT_CHECKED");

    public static IReadOnlyList<StackDriftStatus> KnownValues { get; } = [Drifted, InSync, Unknown, NotChecked];

    public static StackDriftStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
