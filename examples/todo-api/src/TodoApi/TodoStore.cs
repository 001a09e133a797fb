using Npgsql;

namespace TodoApi;

public sealed class TodoStore(NpgsqlDataSource db)
{
    public async Task<List<Todo>> ListAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT id, title, done, created_at, stale FROM todos ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var todos = new List<Todo>();
        while (await reader.ReadAsync(ct))
        {
            todos.Add(Read(reader));
        }

        return todos;
    }

    public async Task<Todo?> GetAsync(long id, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT id, title, done, created_at, stale FROM todos WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await ReadOneAsync(command, ct);
    }

    public async Task<Todo> AddAsync(string title, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "INSERT INTO todos (title) VALUES ($1) RETURNING id, title, done, created_at, stale");
        command.Parameters.Add(new NpgsqlParameter { Value = title });
        return await ReadOneAsync(command, ct) ?? throw new InvalidOperationException("INSERT returned no row.");
    }

    public async Task<Todo?> UpdateAsync(long id, TodoUpdate update, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "UPDATE todos SET title = COALESCE($2, title), done = COALESCE($3, done) WHERE id = $1 " +
            "RETURNING id, title, done, created_at, stale");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)update.Title?.Trim() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)update.Done ?? DBNull.Value });
        return await ReadOneAsync(command, ct);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var command = db.CreateCommand("DELETE FROM todos WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Marks the open todos created before <paramref name="createdBefore"/> stale, and counts them all, in one statement:
    /// the worker's round.
    /// </summary>
    public async Task<TodoDigest> MarkStaleAsync(DateTimeOffset createdBefore, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "WITH marked AS (UPDATE todos SET stale = true WHERE NOT done AND NOT stale AND created_at < $1 RETURNING id) " +
            "SELECT (SELECT count(*) FROM todos WHERE NOT done), (SELECT count(*) FROM todos WHERE done), (SELECT count(*) FROM marked)");
        command.Parameters.Add(new NpgsqlParameter { Value = createdBefore.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new TodoDigest(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<Todo?> ReadOneAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static Todo Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetBoolean(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetBoolean(4));
}
