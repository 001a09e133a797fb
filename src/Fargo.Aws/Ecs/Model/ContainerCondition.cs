using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ContainerCondition>))]
public sealed record ContainerCondition(string Value) : IAwsConstant<ContainerCondition>
{
    public static ContainerCondition Start { get; } = new("START");
    public static ContainerCondition Complete { get; } = new("COMPLETE");
    public static ContainerCondition Success { get; } = new("SUCCESS");
    public static ContainerCondition Healthy { get; } = new("HEALTHY");

    public static IReadOnlyList<ContainerCondition> KnownValues { get; } = [Start, Complete, Success, Healthy];

    public static ContainerCondition FromWire(string value) => new(value);

    public override string ToString() => Value;
}
