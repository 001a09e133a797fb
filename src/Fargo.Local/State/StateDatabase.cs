using Microsoft.Data.Sqlite;

namespace Fargo.Local.State;

/// <summary>
/// The engine's SQLite file. WAL journaling with synchronous=NORMAL: a committed transaction survives the
/// engine being killed (kill -9) at any point; only a power loss may drop the last moments. Every mutation
/// runs in one transaction, so a crash leaves the state before or after it, never between.
/// Each service (ECS, ECR, SSM, Logs) opens its own connection and guards it with its own lock.
/// </summary>
internal static class StateDatabase
{
    public static SqliteConnection Open(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        Execute(connection, "PRAGMA busy_timeout=10000;");
        Execute(connection, "PRAGMA foreign_keys=ON;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs <paramref name="change"/> in one transaction: all of it is committed, or none.</summary>
    public static void InTransaction(SqliteConnection connection, Action<SqliteConnection, SqliteTransaction> change)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(change);
        using var transaction = connection.BeginTransaction();
        change(connection, transaction);
        transaction.Commit();
    }
}
