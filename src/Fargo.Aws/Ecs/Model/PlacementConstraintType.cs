using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<PlacementConstraintType>))]
public sealed record PlacementConstraintType(string Value) : IAwsConstant<PlacementConstraintType>
{
    public static PlacementConstraintType DistinctInstance { get; } = new("distinctInstance");
    public static PlacementConstraintType MemberOf { get; } = new("memberOf");

    public static IReadOnlyList<PlacementConstraintType> KnownValues { get; } = [DistinctInstance, MemberOf];

    public static PlacementConstraintType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
