using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.State;

/// <summary>
/// A table of JSON documents keyed by id, for state the engine keeps in memory and writes through on
/// every change (task definitions, clusters, services, tasks, parameters, repositories).
/// </summary>
internal sealed class DocumentTable<T>
{
    private readonly string _table;
    private readonly JsonTypeInfo<T> _type;

    public DocumentTable(SqliteConnection connection, string table, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("table names are identifiers", nameof(table));
        }

        _table = table;
        _type = type;
        StateDatabase.Execute(connection, $"CREATE TABLE IF NOT EXISTS {_table} (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;");
    }

    public List<T> LoadAll(SqliteConnection connection)
    {
        using var command = StateDatabase.Command(connection, null, $"SELECT json FROM {_table} ORDER BY id;");
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize(reader.GetString(0), _type)!);
        }

        return result;
    }

    /// <summary>Every document into <paramref name="into"/>, keyed as the store looks it up.</summary>
    public void LoadInto(SqliteConnection connection, IDictionary<string, T> into, Func<T, string> keyOf)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(keyOf);
        foreach (var document in LoadAll(connection))
        {
            into[keyOf(document)] = document;
        }
    }

    public void Put(SqliteConnection connection, SqliteTransaction transaction, string id, T document)
    {
        using var command = StateDatabase.Command(
            connection,
            transaction,
            $"INSERT INTO {_table} (id, json) VALUES ($id, $json) ON CONFLICT(id) DO UPDATE SET json = excluded.json;",
            ("$id", id),
            ("$json", JsonSerializer.Serialize(document, _type)));
        command.ExecuteNonQuery();
    }

    public void Delete(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        using var command = StateDatabase.Command(connection, transaction, $"DELETE FROM {_table} WHERE id = $id;", ("$id", id));
        command.ExecuteNonQuery();
    }
}
