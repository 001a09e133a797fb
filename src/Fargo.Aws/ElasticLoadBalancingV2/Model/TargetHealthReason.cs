using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<TargetHealthReason>))]
public sealed record TargetHealthReason(string Value) : IAwsConstant<TargetHealthReason>
{
    public static TargetHealthReason ElbRegistrationInProgress { get; } = new("Elb.RegistrationInProgress");
    public static TargetHealthReason ElbInitialHealthChecking { get; } = new("Elb.InitialHealthChecking");
    public static TargetHealthReason TargetResponseCodeMismatch { get; } = new("Target.ResponseCodeMismatch");
    public static TargetHealthReason TargetTimeout { get; } = new("Target.Timeout");
    public static TargetHealthReason TargetFailedHealthChecks { get; } = new("Target.FailedHealthChecks");
    public static TargetHealthReason TargetNotRegistered { get; } = new("Target.NotRegistered");
    public static TargetHealthReason TargetNotInUse { get; } = new("Target.NotInUse");
    public static TargetHealthReason TargetDeregistrationInProgress { get; } = new("Target.DeregistrationInProgress");
    public static TargetHealthReason TargetInvalidState { get; } = new("Target.InvalidState");
    public static TargetHealthReason TargetIpUnusable { get; } = new("Target.IpUnusable");
    public static TargetHealthReason TargetHealthCheckDisabled { get; } = new("Target.HealthCheckDisabled");
    public static TargetHealthReason ElbInternalError { get; } = new("Elb.InternalError");

    public static IReadOnlyList<TargetHealthReason> KnownValues { get; } = [ElbRegistrationInProgress, ElbInitialHealthChecking, TargetResponseCodeMismatch, TargetTimeout, TargetFailedHealthChecks, TargetNotRegistered, TargetNotInUse, TargetDeregistrationInProgress, TargetInvalidState, TargetIpUnusable, TargetHealthCheckDisabled, ElbInternalError];

    public static TargetHealthReason FromWire(string value) => new(value);

    public override string ToString() => Value;
}
