using System.Globalization;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>
/// Application Auto Scaling's own wording for what it did and why (as DescribeScalingActivities shows it on AWS), and
/// its errors' messages. One place, so the activities, the errors and the tests agree.
/// </summary>
internal static class ScalingTexts
{
    public const string EcsNamespace = "ecs";
    public const string EcsDimension = "ecs:service:DesiredCount";

    public static string SettingDesiredCount(int count) => string.Create(CultureInfo.InvariantCulture, $"Setting desired count to {count}.");

    public static string Succeeded(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"Successfully set desired count to {count}. Change successfully fulfilled by ecs.");

    public static string AlarmCause(string alarmName, string policyName) => $"monitor alarm {alarmName} in state ALARM triggered policy {policyName}";

    public static string MinimumCause(int minimum) => string.Create(CultureInfo.InvariantCulture, $"minimum capacity was set to {minimum}");

    public static string MaximumCause(int maximum) => string.Create(CultureInfo.InvariantCulture, $"maximum capacity was set to {maximum}");

    public static string AlarmName(string resourceId, string side) => $"TargetTracking-{resourceId}-Alarm{side}-{Guid.NewGuid()}";

    public static string TargetNotRegistered(string serviceNamespace, string resourceId, string dimension) =>
        $"No scalable target registered for service namespace: {serviceNamespace}, resource ID: {resourceId}, scalable dimension: {dimension}";

    public static string TargetNotFound(string serviceNamespace, string resourceId, string dimension) =>
        $"No scalable target found for service namespace: {serviceNamespace}, resource ID: {resourceId}, scalable dimension: {dimension}";

    public static string PolicyNotFound(string serviceNamespace, string resourceId, string dimension, string policyName) =>
        $"No scaling policy found for service namespace: {serviceNamespace}, resource ID: {resourceId}, scalable dimension: {dimension}, policy name: {policyName}";
}
