using Npgsql;

namespace TodoApi;

public sealed class TodoStore(NpgsqlDataSource db)
{
    public async Task<List<Todo>> ListAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT id, title, done, created_at FROM todos ORDER BY id");
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
        await using var command = db.CreateCommand("SELECT id, title, done, created_at FROM todos WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await ReadOneAsync(command, ct);
    }

    public async Task<Todo> AddAsync(string title, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "INSERT INTO todos (title) VALUES ($1) RETURNING id, title, done, created_at");
        command.Parameters.Add(new NpgsqlParameter { Value = title });
        return await ReadOneAsync(command, ct) ?? throw new InvalidOperationException("INSERT returned no row.");
    }

    public async Task<Todo?> UpdateAsync(long id, TodoUpdate update, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "UPDATE todos SET title = COALESCE($2, title), done = COALESCE($3, done) WHERE id = $1 " +
            "RETURNING id, title, done, created_at");
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

    private static async Task<Todo?> ReadOneAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static Todo Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetBoolean(2),
        reader.GetFieldValue<DateTimeOffset>(3));
}
