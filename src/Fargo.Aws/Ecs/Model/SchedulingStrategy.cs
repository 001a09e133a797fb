using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<SchedulingStrategy>))]
public sealed record SchedulingStrategy(string Value) : IAwsConstant<SchedulingStrategy>
{
    public static SchedulingStrategy Replica { get; } = new("REPLICA");
    public static SchedulingStrategy Daemon { get; } = new("DAEMON");

    public static IReadOnlyList<SchedulingStrategy> KnownValues { get; } = [Replica, Daemon];

    public static SchedulingStrategy FromWire(string value) => new(value);

    public override string ToString() => Value;
}
