namespace Fargo.Local.Client;

/// <summary>The local region can't be started, reached or stopped; the message says why and what to do.</summary>
public sealed class LocalRegionException : Exception
{
    public LocalRegionException(string message, string? hint = null)
        : base(message)
    {
        Hint = hint;
    }

    public LocalRegionException()
    {
    }

    public LocalRegionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What the user can do about it, when there is something.</summary>
    public string? Hint { get; }
}
