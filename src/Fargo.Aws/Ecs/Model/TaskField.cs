using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TaskField>))]
public sealed record TaskField(string Value) : IAwsConstant<TaskField>
{
    public static TaskField Tags { get; } = new("TAGS");

    public static IReadOnlyList<TaskField> KnownValues { get; } = [Tags];

    public static TaskField FromWire(string value) => new(value);

    public override string ToString() => Value;
}
