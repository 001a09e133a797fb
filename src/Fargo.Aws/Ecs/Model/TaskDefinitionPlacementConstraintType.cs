using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TaskDefinitionPlacementConstraintType>))]
public sealed record TaskDefinitionPlacementConstraintType(string Value) : IAwsConstant<TaskDefinitionPlacementConstraintType>
{
    public static TaskDefinitionPlacementConstraintType MemberOf { get; } = new("memberOf");

    public static IReadOnlyList<TaskDefinitionPlacementConstraintType> KnownValues { get; } = [MemberOf];

    public static TaskDefinitionPlacementConstraintType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
