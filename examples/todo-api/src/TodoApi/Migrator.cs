using Npgsql;

namespace TodoApi;

/// <summary>
/// Ordered, append-only schema migrations recorded in schema_migrations, applied in one transaction
/// under an advisory lock so that replicas starting together do not race.
/// </summary>
public sealed class Migrator(NpgsqlDataSource db)
{
    private const long AdvisoryLockKey = 0x746f646f; // "todo"

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE todos (
            id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            title      text NOT NULL CHECK (length(title) > 0),
            done       boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """,
        // The worker (todo-worker, `TodoApi.dll --worker`) marks open todos stale; the API shows it.
        "ALTER TABLE todos ADD COLUMN stale boolean NOT NULL DEFAULT false",
    ];

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);

        await using var current = new NpgsqlCommand("SELECT COALESCE(max(version), 0) FROM schema_migrations", connection);
        var applied = Convert.ToInt32(await current.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, Migrations[version - 1], ct);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version) VALUES ({version})", ct);
        }

        await transaction.CommitAsync(ct);
        return Migrations.Length - applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
