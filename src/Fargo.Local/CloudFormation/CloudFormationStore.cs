using System.Text.Json;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.CloudFormation;

/// <summary>
/// CloudFormation's records in state.db: stacks and change sets as documents, events as rows. Every write is
/// one transaction (a stack's record with the event that its change produced), so after a crash the state is
/// that of the last write. The engine holds the records in memory and calls this under its lock.
/// </summary>
internal sealed class CloudFormationStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DocumentTable<StackRecord> _stacks;
    private readonly DocumentTable<ChangeSetRecord> _changeSets;

    public CloudFormationStore(string databasePath)
    {
        _connection = StateDatabase.Open(databasePath);
        _stacks = new(_connection, "cfn_stacks", CloudFormationStateJsonContext.Default.StackRecord);
        _changeSets = new(_connection, "cfn_change_sets", CloudFormationStateJsonContext.Default.ChangeSetRecord);
        StateDatabase.Execute(_connection, "CREATE TABLE IF NOT EXISTS cfn_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, stack_id TEXT NOT NULL, json TEXT NOT NULL);");
        StateDatabase.Execute(_connection, "CREATE INDEX IF NOT EXISTS cfn_events_stack ON cfn_events (stack_id, seq);");
    }

    public List<StackRecord> LoadStacks() => _stacks.LoadAll(_connection);

    public List<ChangeSetRecord> LoadChangeSets() => _changeSets.LoadAll(_connection);

    /// <summary>Writes a stack and, with it, the events its change produced.</summary>
    public void Save(StackRecord stack, params IEnumerable<StackEventRecord> events)
    {
        using var transaction = _connection.BeginTransaction();
        _stacks.Put(_connection, transaction, stack.StackId, stack);
        foreach (var e in events)
        {
            using var command = StateDatabase.Command(_connection, transaction, "INSERT INTO cfn_events (stack_id, json) VALUES ($stack, $json);",
                ("$stack", e.StackId), ("$json", JsonSerializer.Serialize(e, CloudFormationStateJsonContext.Default.StackEventRecord)));
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void SaveChangeSet(ChangeSetRecord changeSet)
    {
        using var transaction = _connection.BeginTransaction();
        _changeSets.Put(_connection, transaction, changeSet.ChangeSetId, changeSet);
        transaction.Commit();
    }

    public void DeleteChangeSet(string changeSetId)
    {
        using var transaction = _connection.BeginTransaction();
        _changeSets.Delete(_connection, transaction, changeSetId);
        transaction.Commit();
    }

    /// <summary>A stack's events, newest first.</summary>
    public List<StackEventRecord> Events(string stackId)
    {
        using var command = StateDatabase.Command(_connection, null, "SELECT json FROM cfn_events WHERE stack_id = $stack ORDER BY seq DESC;", ("$stack", stackId));
        using var reader = command.ExecuteReader();
        var result = new List<StackEventRecord>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize(reader.GetString(0), CloudFormationStateJsonContext.Default.StackEventRecord)!);
        }

        return result;
    }

    public void Dispose() => _connection.Dispose();
}
