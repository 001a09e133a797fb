namespace Fargo.Local.Database;

/// <summary>
/// PostgreSQL can't be run here: no server binaries were found or could be fetched, or the system can't run
/// them (root without an unprivileged user). The message says what to do.
/// </summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PostgresUnavailableException()
        : base("PostgreSQL is not available.")
    {
    }
}
