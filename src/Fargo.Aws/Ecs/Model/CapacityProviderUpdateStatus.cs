using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<CapacityProviderUpdateStatus>))]
public sealed record CapacityProviderUpdateStatus(string Value) : IAwsConstant<CapacityProviderUpdateStatus>
{
    public static CapacityProviderUpdateStatus DeleteInProgress { get; } = new("DELETE_IN_PROGRESS");
    public static CapacityProviderUpdateStatus DeleteComplete { get; } = new("DELETE_COMPLETE");
    public static CapacityProviderUpdateStatus DeleteFailed { get; } = new("DELETE_FAILED");
    public static CapacityProviderUpdateStatus UpdateInProgress { get; } = new("UPDATE_IN_PROGRESS");
    public static CapacityProviderUpdateStatus UpdateComplete { get; } = new("UPDATE_COMPLETE");
    public static CapacityProviderUpdateStatus UpdateFailed { get; } = new("UPDATE_FAILED");

    public static IReadOnlyList<CapacityProviderUpdateStatus> KnownValues { get; } = [DeleteInProgress, DeleteComplete, DeleteFailed, UpdateInProgress, UpdateComplete, UpdateFailed];

    public static CapacityProviderUpdateStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
