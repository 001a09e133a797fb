using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<HookFailureMode>))]
public sealed record HookFailureMode(string Value) : IAwsConstant<HookFailureMode>
{
    public static HookFailureMode Fail { get; } = new("FAIL");
    public static HookFailureMode Warn { get; } = new("WARN");

    public static IReadOnlyList<HookFailureMode> KnownValues { get; } = [Fail, Warn];

    public static HookFailureMode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
