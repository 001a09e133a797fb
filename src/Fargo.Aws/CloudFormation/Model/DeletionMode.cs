using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<DeletionMode>))]
public readonly record struct DeletionMode(string Value) : IAwsConstant<DeletionMode>
{
    public static DeletionMode Standard { get; } = new("STANDARD");
    public static DeletionMode ForceDeleteStack { get; } = new("FORCE_DELETE_STACK");

    public static IReadOnlyList<DeletionMode> KnownValues { get; } = [Standard, ForceDeleteStack];

    public static DeletionMode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
