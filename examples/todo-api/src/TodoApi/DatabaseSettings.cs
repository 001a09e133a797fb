using Npgsql;

namespace TodoApi;

/// <summary>Database settings as RDS (or the local region) hands them to the task: DB_HOST … DB_PASSWORD.</summary>
public sealed record DatabaseSettings(string Host, int Port, string Database, string User, string Password)
{
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = Database,
        Username = User,
        Password = Password,
        // Fail fast so /_health reports a dead database within the load balancer's health check timeout.
        Timeout = 3,
    }.ConnectionString;

    public static DatabaseSettings FromEnvironment(Func<string, string?> read) => new(
        read("DB_HOST") ?? "127.0.0.1",
        int.TryParse(read("DB_PORT"), out var port) ? port : 5432,
        read("DB_NAME") ?? "todo",
        read("DB_USER") ?? "todo",
        read("DB_PASSWORD") ?? "");
}
