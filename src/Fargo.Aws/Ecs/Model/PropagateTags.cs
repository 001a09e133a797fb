using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<PropagateTags>))]
public sealed record PropagateTags(string Value) : IAwsConstant<PropagateTags>
{
    public static PropagateTags TaskDefinition { get; } = new("TASK_DEFINITION");
    public static PropagateTags Service { get; } = new("SERVICE");
    public static PropagateTags None { get; } = new("NONE");

    public static IReadOnlyList<PropagateTags> KnownValues { get; } = [TaskDefinition, Service, None];

    public static PropagateTags FromWire(string value) => new(value);

    public override string ToString() => Value;
}
