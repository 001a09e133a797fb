using System.Security.Cryptography;

namespace Fargo.Local.Ecs;

/// <summary>ECS's resource names in the local region, and how a request's name-or-ARN is read.</summary>
internal static class EcsArns
{
    private const string Prefix = "arn:" + LocalRegionConstants.Partition + ":ecs:" + LocalRegionConstants.Region + ":" + LocalRegionConstants.Account + ":";

    public static string Cluster(string name) => Prefix + "cluster/" + name;

    public static string CapacityProvider(string name) => Prefix + "capacity-provider/" + name;

    public static string Service(string cluster, string name) => Prefix + "service/" + cluster + "/" + name;

    public static string Task(string cluster, string id) => Prefix + "task/" + cluster + "/" + id;

    public static string Container(string cluster, string taskId, string containerId) => Prefix + "container/" + cluster + "/" + taskId + "/" + containerId;

    public static string TaskDefinition(string family, int revision) => Prefix + "task-definition/" + family + ":" + revision.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const string RegisteredBy = "arn:" + LocalRegionConstants.Partition + ":iam::" + LocalRegionConstants.Account + ":root";

    /// <summary>The last path segment of an ARN ("…:cluster/NAME" → NAME), or the input when it is a plain name.</summary>
    public static string NameOf(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        var slash = nameOrArn.LastIndexOf('/');
        return slash >= 0 ? nameOrArn[(slash + 1)..] : nameOrArn;
    }

    /// <summary>A task id as ECS makes them: 32 lowercase hex digits.</summary>
    public static string NewTaskId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A deployment id as ECS makes them: "ecs-svc/" and 19 digits.</summary>
    public static string NewDeploymentId()
    {
        Span<char> digits = stackalloc char[19];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return "ecs-svc/" + new string(digits);
    }
}
