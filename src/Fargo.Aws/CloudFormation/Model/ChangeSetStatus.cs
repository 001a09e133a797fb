using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ChangeSetStatus>))]
public sealed record ChangeSetStatus(string Value) : IAwsConstant<ChangeSetStatus>
{
    public static ChangeSetStatus CreatePending { get; } = new("CREATE_PENDING");
    public static ChangeSetStatus CreateInProgress { get; } = new("CREATE_IN_PROGRESS");
    public static ChangeSetStatus CreateComplete { get; } = new("CREATE_COMPLETE");
    public static ChangeSetStatus DeletePending { get; } = new("DELETE_PENDING");
    public static ChangeSetStatus DeleteInProgress { get; } = new("DELETE_IN_PROGRESS");
    public static ChangeSetStatus DeleteComplete { get; } = new("DELETE_COMPLETE");
    public static ChangeSetStatus DeleteFailed { get; } = new("DELETE_FAILED");
    public static ChangeSetStatus Failed { get; } = new("FAILED");

    public static IReadOnlyList<ChangeSetStatus> KnownValues { get; } = [CreatePending, CreateInProgress, CreateComplete, DeletePending, DeleteInProgress, DeleteComplete, DeleteFailed, Failed];

    public static ChangeSetStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
