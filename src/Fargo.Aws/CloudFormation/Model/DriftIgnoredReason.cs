using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<DriftIgnoredReason>))]
public readonly record struct DriftIgnoredReason(string Value) : IAwsConstant<DriftIgnoredReason>
{
    public static DriftIgnoredReason ManagedByAws { get; } = new("MANAGED_BY_AWS");
    public static DriftIgnoredReason WriteOnlyProperty { get; } = new("WRITE_ONLY_PROPERTY");

    public static IReadOnlyList<DriftIgnoredReason> KnownValues { get; } = [ManagedByAws, WriteOnlyProperty];

    public static DriftIgnoredReason FromWire(string value) => new(value);

    public override string ToString() => Value;
}
