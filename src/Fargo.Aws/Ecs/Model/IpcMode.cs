using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<IpcMode>))]
public sealed record IpcMode(string Value) : IAwsConstant<IpcMode>
{
    public static IpcMode Host { get; } = new("host");
    public static IpcMode Task { get; } = new("task");
    public static IpcMode None { get; } = new("none");

    public static IReadOnlyList<IpcMode> KnownValues { get; } = [Host, Task, None];

    public static IpcMode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
