namespace Fargo.Local.Runtime;

/// <summary>What ECS asks before it acts for a task with the task's execution role (reading its secrets).</summary>
internal interface IExecutionRoleAuthorizer
{
    /// <summary>AWS's AccessDenied message when the role may not take <paramref name="action"/> on <paramref name="resource"/>, else null.</summary>
    string? Denial(string executionRoleArn, string taskId, string action, string resource);
}
