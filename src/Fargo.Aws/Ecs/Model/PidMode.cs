using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<PidMode>))]
public sealed record PidMode(string Value) : IAwsConstant<PidMode>
{
    public static PidMode Host { get; } = new("host");
    public static PidMode Task { get; } = new("task");

    public static IReadOnlyList<PidMode> KnownValues { get; } = [Host, Task];

    public static PidMode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
