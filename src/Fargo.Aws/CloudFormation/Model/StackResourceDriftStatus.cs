using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<StackResourceDriftStatus>))]
public sealed record StackResourceDriftStatus(string Value) : IAwsConstant<StackResourceDriftStatus>
{
    public static StackResourceDriftStatus InSync { get; } = new("IN_SYNC");
    public static StackResourceDriftStatus Modified { get; } = new("MODIFIED");
    public static StackResourceDriftStatus Deleted { get; } = new("DELETED");
    public static StackResourceDriftStatus NotChecked { get; } = new("NOT_CHECKED");

    public static IReadOnlyList<StackResourceDriftStatus> KnownValues { get; } = [InSync, Modified, Deleted, NotChecked];

    public static StackResourceDriftStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
