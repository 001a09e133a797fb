using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ChangeAction>))]
public sealed record ChangeAction(string Value) : IAwsConstant<ChangeAction>
{
    public static ChangeAction Add { get; } = new("Add");
    public static ChangeAction Modify { get; } = new("Modify");
    public static ChangeAction Remove { get; } = new("Remove");
    public static ChangeAction Import { get; } = new("Import");
    public static ChangeAction Dynamic { get; } = new("Dynamic");

    public static IReadOnlyList<ChangeAction> KnownValues { get; } = [Add, Modify, Remove, Import, Dynamic];

    public static ChangeAction FromWire(string value) => new(value);

    public override string ToString() => Value;
}
