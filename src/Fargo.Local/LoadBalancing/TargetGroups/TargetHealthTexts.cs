using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Local.LoadBalancing.TargetGroups;

/// <summary>The descriptions DescribeTargetHealth gives with each reason code, worded as AWS words them.</summary>
public static class TargetHealthTexts
{
    public const string RegistrationInProgress = "Target registration is in progress";
    public const string InitialHealthChecking = "Initial health checks in progress";
    public const string Timeout = "Request timed out";
    public const string FailedHealthChecks = "Health checks failed";
    public const string NotRegistered = "Target is not registered to the target group";
    public const string NotInUse = "Target group is not configured to receive traffic from the load balancer";
    public const string DeregistrationInProgress = "Target deregistration is in progress";

    public static string ResponseCodeMismatch(int statusCode) => $"Health checks failed with these codes: [{statusCode}]";

    public static TargetHealth Unused(TargetHealthReason reason) => new()
    {
        State = TargetHealthState.Unused,
        Reason = reason,
        Description = reason == TargetHealthReason.TargetNotInUse ? NotInUse : NotRegistered,
    };
}
