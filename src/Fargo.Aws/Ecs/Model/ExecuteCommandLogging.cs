using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ExecuteCommandLogging>))]
public sealed record ExecuteCommandLogging(string Value) : IAwsConstant<ExecuteCommandLogging>
{
    public static ExecuteCommandLogging None { get; } = new("NONE");
    public static ExecuteCommandLogging Default { get; } = new("DEFAULT");
    public static ExecuteCommandLogging Override { get; } = new("OVERRIDE");

    public static IReadOnlyList<ExecuteCommandLogging> KnownValues { get; } = [None, Default, Override];

    public static ExecuteCommandLogging FromWire(string value) => new(value);

    public override string ToString() => Value;
}
