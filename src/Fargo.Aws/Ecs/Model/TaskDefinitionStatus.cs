using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TaskDefinitionStatus>))]
public sealed record TaskDefinitionStatus(string Value) : IAwsConstant<TaskDefinitionStatus>
{
    public static TaskDefinitionStatus Active { get; } = new("ACTIVE");
    public static TaskDefinitionStatus Inactive { get; } = new("INACTIVE");

    public static IReadOnlyList<TaskDefinitionStatus> KnownValues { get; } = [Active, Inactive];

    public static TaskDefinitionStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
