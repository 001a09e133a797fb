using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ChangeSetType>))]
public sealed record ChangeSetType(string Value) : IAwsConstant<ChangeSetType>
{
    public static ChangeSetType Create { get; } = new("CREATE");
    public static ChangeSetType Update { get; } = new("UPDATE");
    public static ChangeSetType Import { get; } = new("IMPORT");

    public static IReadOnlyList<ChangeSetType> KnownValues { get; } = [Create, Update, Import];

    public static ChangeSetType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
