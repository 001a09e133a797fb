using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<StackStatus>))]
public sealed record StackStatus(string Value) : IAwsConstant<StackStatus>
{
    public static StackStatus CreateInProgress { get; } = new("CREATE_IN_PROGRESS");
    public static StackStatus CreateFailed { get; } = new("CREATE_FAILED");
    public static StackStatus CreateComplete { get; } = new("CREATE_COMPLETE");
    public static StackStatus RollbackInProgress { get; } = new("ROLLBACK_IN_PROGRESS");
    public static StackStatus RollbackFailed { get; } = new("ROLLBACK_FAILED");
    public static StackStatus RollbackComplete { get; } = new("ROLLBACK_COMPLETE");
    public static StackStatus DeleteInProgress { get; } = new("DELETE_IN_PROGRESS");
    public static StackStatus DeleteFailed { get; } = new("DELETE_FAILED");
    public static StackStatus DeleteComplete { get; } = new("DELETE_COMPLETE");
    public static StackStatus UpdateInProgress { get; } = new("UPDATE_IN_PROGRESS");
    public static StackStatus UpdateCompleteCleanupInProgress { get; } = new("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    public static StackStatus UpdateComplete { get; } = new("UPDATE_COMPLETE");
    public static StackStatus UpdateFailed { get; } = new("UPDATE_FAILED");
    public static StackStatus UpdateRollbackInProgress { get; } = new("UPDATE_ROLLBACK_IN_PROGRESS");
    public static StackStatus UpdateRollbackFailed { get; } = new("UPDATE_ROLLBACK_FAILED");
    public static StackStatus UpdateRollbackCompleteCleanupInProgress { get; } = new("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
    public static StackStatus UpdateRollbackComplete { get; } = new("UPDATE_ROLLBACK_COMPLETE");
    public static StackStatus ReviewInProgress { get; } = new("REVIEW_IN_PROGRESS");
    public static StackStatus ImportInProgress { get; } = new("IMPORT_IN_PROGRESS");
    public static StackStatus ImportComplete { get; } = new("IMPORT_COMPLETE");
    public static StackStatus ImportRollbackInProgress { get; } = new("IMPORT_ROLLBACK_IN_PROGRESS");
    public static StackStatus ImportRollbackFailed { get; } = new("IMPORT_ROLLBACK_FAILED");
    public static StackStatus ImportRollbackComplete { get; } = new("IMPORT_ROLLBACK_COMPLETE");

    public static IReadOnlyList<StackStatus> KnownValues { get; } = [CreateInProgress, CreateFailed, CreateComplete, RollbackInProgress, RollbackFailed, RollbackComplete, DeleteInProgress, DeleteFailed, DeleteComplete, UpdateInProgress, UpdateCompleteCleanupInProgress, UpdateComplete, UpdateFailed, UpdateRollbackInProgress, UpdateRollbackFailed, UpdateRollbackCompleteCleanupInProgress, UpdateRollbackComplete, ReviewInProgress, ImportInProgress, ImportComplete, ImportRollbackInProgress, ImportRollbackFailed, ImportRollbackComplete];

    public static StackStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
