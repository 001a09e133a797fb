using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ExecutionStatus>))]
public sealed record ExecutionStatus(string Value) : IAwsConstant<ExecutionStatus>
{
    public static ExecutionStatus Unavailable { get; } = new("UNAVAILABLE");
    public static ExecutionStatus Available { get; } = new("AVAILABLE");
    public static ExecutionStatus ExecuteInProgress { get; } = new("EXECUTE_IN_PROGRESS");
    public static ExecutionStatus ExecuteComplete { get; } = new("EXECUTE_COMPLETE");
    public static ExecutionStatus ExecuteFailed { get; } = new("EXECUTE_FAILED");
    public static ExecutionStatus Obsolete { get; } = new("OBSOLETE");

    public static IReadOnlyList<ExecutionStatus> KnownValues { get; } = [Unavailable, Available, ExecuteInProgress, ExecuteComplete, ExecuteFailed, Obsolete];

    public static ExecutionStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
