namespace Fargo.Deploy.Rendering;

/// <summary>
/// The configuration cannot produce a task definition (for example an AWS environment without an account).
/// A configuration problem the user fixes in fargo.toml, not a bug.
/// </summary>
public sealed class TaskDefinitionRenderException : Exception
{
    public TaskDefinitionRenderException(string message, string? hint = null)
        : base(message)
    {
        Hint = hint;
    }

    public TaskDefinitionRenderException()
    {
    }

    public TaskDefinitionRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to change, when there is an obvious fix.</summary>
    public string? Hint { get; }
}
