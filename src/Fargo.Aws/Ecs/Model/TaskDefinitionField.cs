using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TaskDefinitionField>))]
public sealed record TaskDefinitionField(string Value) : IAwsConstant<TaskDefinitionField>
{
    public static TaskDefinitionField Tags { get; } = new("TAGS");

    public static IReadOnlyList<TaskDefinitionField> KnownValues { get; } = [Tags];

    public static TaskDefinitionField FromWire(string value) => new(value);

    public override string ToString() => Value;
}
