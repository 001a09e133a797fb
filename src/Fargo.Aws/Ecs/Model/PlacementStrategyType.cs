using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<PlacementStrategyType>))]
public sealed record PlacementStrategyType(string Value) : IAwsConstant<PlacementStrategyType>
{
    public static PlacementStrategyType Random { get; } = new("random");
    public static PlacementStrategyType Spread { get; } = new("spread");
    public static PlacementStrategyType Binpack { get; } = new("binpack");

    public static IReadOnlyList<PlacementStrategyType> KnownValues { get; } = [Random, Spread, Binpack];

    public static PlacementStrategyType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
