using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<HookStatus>))]
public sealed record HookStatus(string Value) : IAwsConstant<HookStatus>
{
    public static HookStatus HookInProgress { get; } = new("HOOK_IN_PROGRESS");
    public static HookStatus HookCompleteSucceeded { get; } = new("HOOK_COMPLETE_SUCCEEDED");
    public static HookStatus HookCompleteFailed { get; } = new("HOOK_COMPLETE_FAILED");
    public static HookStatus HookFailed { get; } = new("HOOK_FAILED");

    public static IReadOnlyList<HookStatus> KnownValues { get; } = [HookInProgress, HookCompleteSucceeded, HookCompleteFailed, HookFailed];

    public static HookStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
