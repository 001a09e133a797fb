using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ResourceStatus>))]
public sealed record ResourceStatus(string Value) : IAwsConstant<ResourceStatus>
{
    public static ResourceStatus CreateInProgress { get; } = new("CREATE_IN_PROGRESS");
    public static ResourceStatus CreateFailed { get; } = new("CREATE_FAILED");
    public static ResourceStatus CreateComplete { get; } = new("CREATE_COMPLETE");
    public static ResourceStatus DeleteInProgress { get; } = new("DELETE_IN_PROGRESS");
    public static ResourceStatus DeleteFailed { get; } = new("DELETE_FAILED");
    public static ResourceStatus DeleteComplete { get; } = new("DELETE_COMPLETE");
    public static ResourceStatus DeleteSkipped { get; } = new("DELETE_SKIPPED");
    public static ResourceStatus UpdateInProgress { get; } = new("UPDATE_IN_PROGRESS");
    public static ResourceStatus UpdateFailed { get; } = new("UPDATE_FAILED");
    public static ResourceStatus UpdateComplete { get; } = new("UPDATE_COMPLETE");
    public static ResourceStatus ImportFailed { get; } = new("IMPORT_FAILED");
    public static ResourceStatus ImportComplete { get; } = new("IMPORT_COMPLETE");
    public static ResourceStatus ImportInProgress { get; } = new("IMPORT_IN_PROGRESS");
    public static ResourceStatus ImportRollbackInProgress { get; } = new("IMPORT_ROLLBACK_IN_PROGRESS");
    public static ResourceStatus ImportRollbackFailed { get; } = new("IMPORT_ROLLBACK_FAILED");
    public static ResourceStatus ImportRollbackComplete { get; } = new("IMPORT_ROLLBACK_COMPLETE");
    public static ResourceStatus UpdateRollbackInProgress { get; } = new("UPDATE_ROLLBACK_IN_PROGRESS");
    public static ResourceStatus UpdateRollbackComplete { get; } = new("UPDATE_ROLLBACK_COMPLETE");
    public static ResourceStatus UpdateRollbackFailed { get; } = new("UPDATE_ROLLBACK_FAILED");
    public static ResourceStatus RollbackInProgress { get; } = new("ROLLBACK_IN_PROGRESS");
    public static ResourceStatus RollbackComplete { get; } = new("ROLLBACK_COMPLETE");
    public static ResourceStatus RollbackFailed { get; } = new("ROLLBACK_FAILED");

    public static IReadOnlyList<ResourceStatus> KnownValues { get; } = [CreateInProgress, CreateFailed, CreateComplete, DeleteInProgress, DeleteFailed, DeleteComplete, DeleteSkipped, UpdateInProgress, UpdateFailed, UpdateComplete, ImportFailed, ImportComplete, ImportInProgress, ImportRollbackInProgress, ImportRollbackFailed, ImportRollbackComplete, UpdateRollbackInProgress, UpdateRollbackComplete, UpdateRollbackFailed, RollbackInProgress, RollbackComplete, RollbackFailed];

    public static ResourceStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
