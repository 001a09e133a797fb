using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<AttributeChangeType>))]
public readonly record struct AttributeChangeType(string Value) : IAwsConstant<AttributeChangeType>
{
    public static AttributeChangeType Add { get; } = new("Add");
    public static AttributeChangeType Remove { get; } = new("Remove");
    public static AttributeChangeType Modify { get; } = new("Modify");
    public static AttributeChangeType SyncWithActual { get; } = new("SyncWithActual");

    public static IReadOnlyList<AttributeChangeType> KnownValues { get; } = [Add, Remove, Modify, SyncWithActual];

    public static AttributeChangeType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
