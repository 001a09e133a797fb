using Fargo.Local.Api;

namespace Fargo.Local.LoadBalancing;

/// <summary>ELBv2's errors as AWS words them (code, message; all 400 "Sender" faults).</summary>
internal static class ElbErrors
{
    public static LocalServiceException LoadBalancerNotFound() => new("LoadBalancerNotFound", "One or more load balancers not found");

    public static LocalServiceException TargetGroupNotFound() => new("TargetGroupNotFound", "One or more target groups not found");

    public static LocalServiceException ListenerNotFound() => new("ListenerNotFound", "One or more listeners not found");

    public static LocalServiceException RuleNotFound() => new("RuleNotFound", "One or more rules not found");

    public static LocalServiceException DuplicateLoadBalancerName(string name) =>
        new("DuplicateLoadBalancerName", $"A load balancer with the same name '{name}' exists, but with different settings");

    public static LocalServiceException DuplicateTargetGroupName(string name) =>
        new("DuplicateTargetGroupName", $"A target group with the same name '{name}' exists, but with different settings");

    public static LocalServiceException DuplicateListener() => new("DuplicateListener", "A listener already exists on this port for this load balancer");

    public static LocalServiceException PriorityInUse(int priority) => new("PriorityInUse", $"Priority '{priority}' is currently in use");

    public static LocalServiceException ResourceInUse(string message) => new("ResourceInUse", message);

    public static LocalServiceException CertificateNotFound(string arn) => new("CertificateNotFound", $"Certificate '{arn}' not found");

    public static LocalServiceException InvalidTarget(string message) => new("InvalidTarget", message);

    public static LocalServiceException TargetGroupAssociationLimit(string targetGroupArn) =>
        new("TargetGroupAssociationLimit", $"The following target groups cannot be associated with more than one load balancer: {targetGroupArn}");

    public static LocalServiceException OperationNotPermitted(string message) => new("OperationNotPermitted", message);

    public static LocalServiceException Validation(string message) => new("ValidationError", message);

    public static LocalServiceException InvalidConfigurationRequest(string message) => new("InvalidConfigurationRequest", message);

    /// <summary>The Query services' wording for a value outside the model's range.</summary>
    public static LocalServiceException OutOfRange(string member, long value, long min, long max) =>
        value < min
            ? Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must have value greater than or equal to {min}")
            : Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must have value less than or equal to {max}");

    public static LocalServiceException MissingMember(string member) =>
        Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");
}
