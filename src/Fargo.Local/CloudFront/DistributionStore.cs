using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.CloudFront;

/// <summary>The distributions of this region, in state.db (written through on every change) and in memory.</summary>
internal sealed class DistributionStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DocumentTable<DistributionRecord> _table;
    private readonly Dictionary<string, DistributionRecord> _distributions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public DistributionStore(string databasePath)
    {
        _connection = StateDatabase.Open(databasePath);
        _table = new DocumentTable<DistributionRecord>(_connection, "cloudfront_distributions", LocalJsonContext.Default.DistributionRecord);
        _table.LoadInto(_connection, _distributions, d => d.Id);
    }

    public void Dispose() => _connection.Dispose();

    public IReadOnlyList<DistributionRecord> List()
    {
        lock (_gate)
        {
            return [.. _distributions.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];
        }
    }

    public DistributionRecord? Find(string id)
    {
        lock (_gate)
        {
            return _distributions.GetValueOrDefault(id);
        }
    }

    /// <summary>The loopback addresses the distributions hold.</summary>
    public IReadOnlySet<string> Addresses()
    {
        lock (_gate)
        {
            return _distributions.Values.Select(d => d.Address).ToHashSet(StringComparer.Ordinal);
        }
    }

    public void Put(DistributionRecord distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        lock (_gate)
        {
            Write((c, t) => _table.Put(c, t, distribution.Id, distribution));
            _distributions[distribution.Id] = distribution;
        }
    }

    public void Delete(string id)
    {
        lock (_gate)
        {
            Write((c, t) => _table.Delete(c, t, id));
            _distributions.Remove(id);
        }
    }

    private void Write(Action<SqliteConnection, SqliteTransaction> change) => StateDatabase.InTransaction(_connection, change);
}
