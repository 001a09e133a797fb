using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ManagedAgentName>))]
public sealed record ManagedAgentName(string Value) : IAwsConstant<ManagedAgentName>
{
    public static ManagedAgentName ExecuteCommandAgent { get; } = new("ExecuteCommandAgent");

    public static IReadOnlyList<ManagedAgentName> KnownValues { get; } = [ExecuteCommandAgent];

    public static ManagedAgentName FromWire(string value) => new(value);

    public override string ToString() => Value;
}
