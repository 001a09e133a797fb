using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<StabilityStatus>))]
public sealed record StabilityStatus(string Value) : IAwsConstant<StabilityStatus>
{
    public static StabilityStatus SteadyState { get; } = new("STEADY_STATE");
    public static StabilityStatus Stabilizing { get; } = new("STABILIZING");

    public static IReadOnlyList<StabilityStatus> KnownValues { get; } = [SteadyState, Stabilizing];

    public static StabilityStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
