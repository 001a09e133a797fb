using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<PolicyAction>))]
public readonly record struct PolicyAction(string Value) : IAwsConstant<PolicyAction>
{
    public static PolicyAction Delete { get; } = new("Delete");
    public static PolicyAction Retain { get; } = new("Retain");
    public static PolicyAction Snapshot { get; } = new("Snapshot");
    public static PolicyAction ReplaceAndDelete { get; } = new("ReplaceAndDelete");
    public static PolicyAction ReplaceAndRetain { get; } = new("ReplaceAndRetain");
    public static PolicyAction ReplaceAndSnapshot { get; } = new("ReplaceAndSnapshot");

    public static IReadOnlyList<PolicyAction> KnownValues { get; } = [Delete, Retain, Snapshot, ReplaceAndDelete, ReplaceAndRetain, ReplaceAndSnapshot];

    public static PolicyAction FromWire(string value) => new(value);

    public override string ToString() => Value;
}
