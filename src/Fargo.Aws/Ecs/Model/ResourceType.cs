using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ResourceType>))]
public sealed record ResourceType(string Value) : IAwsConstant<ResourceType>
{
    public static ResourceType Gpu { get; } = new("GPU");
    public static ResourceType InferenceAccelerator { get; } = new("InferenceAccelerator");

    public static IReadOnlyList<ResourceType> KnownValues { get; } = [Gpu, InferenceAccelerator];

    public static ResourceType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
