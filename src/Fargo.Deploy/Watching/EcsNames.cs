using System.Globalization;

namespace Fargo.Deploy.Watching;

/// <summary>Short names people read, taken from ECS's ARNs.</summary>
public static class EcsNames
{
    /// <summary>"todo-api-qa:12" from arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:12 (or the text itself).</summary>
    public static string TaskDefinitionName(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            return "";
        }

        var slash = arn.LastIndexOf('/');
        return slash >= 0 ? arn[(slash + 1)..] : arn;
    }

    /// <summary>The revision number of a task definition ARN or family:revision, or 0 when it has none.</summary>
    public static int Revision(string? taskDefinition)
    {
        var name = TaskDefinitionName(taskDefinition);
        var colon = name.LastIndexOf(':');
        return colon >= 0 && int.TryParse(name.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;
    }

    /// <summary>The family of a task definition ARN or family:revision.</summary>
    public static string Family(string? taskDefinition)
    {
        var name = TaskDefinitionName(taskDefinition);
        var colon = name.LastIndexOf(':');
        return colon >= 0 ? name[..colon] : name;
    }

    /// <summary>The task id, the last segment of arn:aws:ecs:region:account:task/cluster/ID.</summary>
    public static string TaskId(string? taskArn)
    {
        if (string.IsNullOrEmpty(taskArn))
        {
            return "";
        }

        var slash = taskArn.LastIndexOf('/');
        return slash >= 0 ? taskArn[(slash + 1)..] : taskArn;
    }

    /// <summary>The first 8 characters of a task id: enough to tell a service's tasks apart on screen.</summary>
    public static string ShortTaskId(string? taskArn)
    {
        var id = TaskId(taskArn);
        return id.Length > 8 ? id[..8] : id;
    }
}
