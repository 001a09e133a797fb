using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ChangeType>))]
public sealed record ChangeType(string Value) : IAwsConstant<ChangeType>
{
    public static ChangeType Resource { get; } = new("Resource");

    public static IReadOnlyList<ChangeType> KnownValues { get; } = [Resource];

    public static ChangeType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
