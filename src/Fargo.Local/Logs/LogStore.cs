using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fargo.Local.Api;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.Logs;

/// <summary>
/// CloudWatch Logs, locally: log groups, streams and events in their own SQLite file (logs.db), so that
/// a chatty task never contends with the control plane's writes. Output capture appends events and the
/// capture offset in one transaction: after a crash no line is lost and none is stored twice.
/// </summary>
internal sealed partial class LogStore : IDisposable
{
    public const int MaxEventsPerPage = 10000;

    private static readonly int[] RetentionDays =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public LogStore(string databasePath, TimeProvider time)
    {
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        StateDatabase.Execute(_connection, """
            CREATE TABLE IF NOT EXISTS log_groups (
                name TEXT PRIMARY KEY, created_at INTEGER NOT NULL, retention_days INTEGER) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS log_streams (
                group_name TEXT NOT NULL REFERENCES log_groups(name) ON DELETE CASCADE, name TEXT NOT NULL,
                created_at INTEGER NOT NULL, first_event INTEGER, last_event INTEGER, last_ingestion INTEGER,
                stored_bytes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (group_name, name)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS log_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT, group_name TEXT NOT NULL, stream_name TEXT NOT NULL,
                timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL,
                FOREIGN KEY (group_name, stream_name) REFERENCES log_streams(group_name, name) ON DELETE CASCADE);
            CREATE INDEX IF NOT EXISTS log_events_by_stream ON log_events (group_name, stream_name, id);
            CREATE INDEX IF NOT EXISTS log_events_by_group_time ON log_events (group_name, timestamp, id);
            CREATE TABLE IF NOT EXISTS capture_offsets (source TEXT PRIMARY KEY, offset INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS log_group_tags (
                group_name TEXT NOT NULL REFERENCES log_groups(name) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL,
                PRIMARY KEY (group_name, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS metric_filters (
                group_name TEXT NOT NULL REFERENCES log_groups(name) ON DELETE CASCADE, name TEXT NOT NULL, pattern TEXT NOT NULL,
                transformations TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (group_name, name)) WITHOUT ROWID;
            """);
    }

    public void Dispose() => _connection.Dispose();

    // ---- log groups ----

    public void CreateLogGroup(string name)
    {
        ValidateGroupName(name);
        lock (_gate)
        {
            using var command = StateDatabase.Command(_connection, null,
                "INSERT INTO log_groups (name, created_at) VALUES ($name, $now) ON CONFLICT(name) DO NOTHING;",
                ("$name", name), ("$now", Now()));
            if (command.ExecuteNonQuery() == 0)
            {
                throw new LocalServiceException("ResourceAlreadyExistsException", "The specified log group already exists");
            }
        }
    }

    public bool LogGroupExists(string name)
    {
        lock (_gate)
        {
            return GroupExists(name, null);
        }
    }

    public void DeleteLogGroup(string name)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireGroup(name, transaction);
            using (var events = StateDatabase.Command(_connection, transaction, "DELETE FROM log_events WHERE group_name = $name;", ("$name", name)))
            {
                events.ExecuteNonQuery();
            }

            using (var group = StateDatabase.Command(_connection, transaction, "DELETE FROM log_groups WHERE name = $name;", ("$name", name)))
            {
                group.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public (IReadOnlyList<LogGroupInfo> Groups, string? NextToken) DescribeLogGroups(string? prefix, int? limit, string? nextToken)
    {
        var pageSize = CheckLimit(limit, 50, 50);
        var after = DecodeToken(nextToken) ?? "";
        lock (_gate)
        {
            using var command = StateDatabase.Command(_connection, null, """
                SELECT g.name, g.created_at, g.retention_days,
                       (SELECT COALESCE(SUM(s.stored_bytes), 0) FROM log_streams s WHERE s.group_name = g.name),
                       (SELECT COUNT(*) FROM metric_filters m WHERE m.group_name = g.name)
                FROM log_groups g
                WHERE g.name > $after AND ($prefix IS NULL OR substr(g.name, 1, length($prefix)) = $prefix)
                ORDER BY g.name LIMIT $limit;
                """, ("$after", after), ("$prefix", prefix), ("$limit", pageSize + 1));
            using var reader = command.ExecuteReader();
            var groups = new List<LogGroupInfo>();
            while (reader.Read())
            {
                groups.Add(new LogGroupInfo(
                    reader.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.GetInt64(3))
                {
                    MetricFilterCount = reader.GetInt32(4),
                });
            }

            return Page(groups, pageSize, g => g.Name);
        }
    }

    public void PutRetentionPolicy(string name, int days)
    {
        if (!RetentionDays.Contains(days))
        {
            throw new LocalServiceException("InvalidParameterException",
                $"1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", RetentionDays)}]");
        }

        SetRetention(name, days);
    }

    public void DeleteRetentionPolicy(string name) => SetRetention(name, null);

    private void SetRetention(string name, int? days)
    {
        lock (_gate)
        {
            using var command = StateDatabase.Command(_connection, null,
                "UPDATE log_groups SET retention_days = $days WHERE name = $name;", ("$name", name), ("$days", days));
            if (command.ExecuteNonQuery() == 0)
            {
                throw GroupNotFound();
            }
        }
    }

    // ---- log streams ----

    public void CreateLogStream(string group, string stream)
    {
        ValidateStreamName(stream);
        lock (_gate)
        {
            RequireGroup(group, null);
            using var command = StateDatabase.Command(_connection, null,
                "INSERT INTO log_streams (group_name, name, created_at) VALUES ($group, $name, $now) ON CONFLICT DO NOTHING;",
                ("$group", group), ("$name", stream), ("$now", Now()));
            if (command.ExecuteNonQuery() == 0)
            {
                throw new LocalServiceException("ResourceAlreadyExistsException", "The specified log stream already exists");
            }
        }
    }

    public (IReadOnlyList<LogStreamInfo> Streams, string? NextToken) DescribeLogStreams(
        string group, string? prefix, bool orderByLastEventTime, bool descending, int? limit, string? nextToken)
    {
        if (orderByLastEventTime && prefix is not null)
        {
            throw new LocalServiceException("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var pageSize = CheckLimit(limit, 50, 50);
        var skip = nextToken is null ? 0 : int.Parse(DecodeToken(nextToken)!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            RequireGroup(group, null);
            var order = orderByLastEventTime ? "COALESCE(last_event, 0)" : "name";
            var direction = descending ? "DESC" : "ASC";
            using var command = StateDatabase.Command(_connection, null, $"""
                SELECT name, created_at, first_event, last_event, last_ingestion, stored_bytes FROM log_streams
                WHERE group_name = $group AND ($prefix IS NULL OR substr(name, 1, length($prefix)) = $prefix)
                ORDER BY {order} {direction}, name {direction} LIMIT $limit OFFSET $skip;
                """, ("$group", group), ("$prefix", prefix), ("$limit", pageSize + 1), ("$skip", skip));
            using var reader = command.ExecuteReader();
            var streams = new List<LogStreamInfo>();
            while (reader.Read())
            {
                streams.Add(new LogStreamInfo(
                    group,
                    reader.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    Time(reader, 2),
                    Time(reader, 3),
                    Time(reader, 4),
                    reader.GetInt64(5)));
            }

            var more = streams.Count > pageSize;
            if (more)
            {
                streams.RemoveAt(streams.Count - 1);
            }

            return (streams, more ? EncodeToken((skip + pageSize).ToString(CultureInfo.InvariantCulture)) : null);
        }
    }

    // ---- events ----

    /// <summary>
    /// Appends captured lines to a stream (created when missing) and records how far the source was read,
    /// atomically. Returns false, storing nothing, when the log group does not exist.
    /// </summary>
    public bool Append(string group, string stream, IReadOnlyList<CapturedLine> lines, string? source, long sourceOffset)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            if (!GroupExists(group, transaction))
            {
                return false;
            }

            var now = Now();
            using (var create = StateDatabase.Command(_connection, transaction,
                "INSERT INTO log_streams (group_name, name, created_at) VALUES ($group, $name, $now) ON CONFLICT DO NOTHING;",
                ("$group", group), ("$name", stream), ("$now", now)))
            {
                create.ExecuteNonQuery();
            }

            if (lines.Count > 0)
            {
                using var insert = StateDatabase.Command(_connection, transaction,
                    "INSERT INTO log_events (group_name, stream_name, timestamp, ingestion_time, message) VALUES ($group, $stream, $ts, $now, $message);",
                    ("$group", group), ("$stream", stream), ("$ts", 0L), ("$now", now), ("$message", ""));
                long bytes = 0;
                foreach (var line in lines)
                {
                    insert.Parameters["$ts"].Value = line.Timestamp.ToUnixTimeMilliseconds();
                    insert.Parameters["$message"].Value = line.Message;
                    insert.ExecuteNonQuery();
                    bytes += Encoding.UTF8.GetByteCount(line.Message);
                }

                using var update = StateDatabase.Command(_connection, transaction, """
                    UPDATE log_streams SET
                        first_event = COALESCE(first_event, $first), last_event = MAX(COALESCE(last_event, 0), $last),
                        last_ingestion = $now, stored_bytes = stored_bytes + $bytes
                    WHERE group_name = $group AND name = $name;
                    """,
                    ("$group", group), ("$name", stream), ("$first", lines[0].Timestamp.ToUnixTimeMilliseconds()),
                    ("$last", lines[^1].Timestamp.ToUnixTimeMilliseconds()), ("$now", now), ("$bytes", bytes));
                update.ExecuteNonQuery();
            }

            if (source is not null)
            {
                SetOffset(source, sourceOffset, transaction);
            }

            transaction.Commit();
            return true;
        }
    }

    /// <summary>Deletes a log stream and its events.</summary>
    public void DeleteLogStream(string group, string stream)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireGroup(group, transaction);
            using (var events = StateDatabase.Command(_connection, transaction,
                "DELETE FROM log_events WHERE group_name = $group AND stream_name = $name;", ("$group", group), ("$name", stream)))
            {
                events.ExecuteNonQuery();
            }

            using var delete = StateDatabase.Command(_connection, transaction,
                "DELETE FROM log_streams WHERE group_name = $group AND name = $name;", ("$group", group), ("$name", stream));
            if (delete.ExecuteNonQuery() == 0)
            {
                throw StreamNotFound();
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// PutLogEvents: events from a client into an existing stream, with CloudWatch Logs' checks. Events more than
    /// 14 days old (or older than the group's retention) or more than 2 hours ahead are not stored but reported, as
    /// AWS reports them; the rest are. Returns the indexes of the refused ones.
    /// </summary>
    public RejectedEvents PutLogEvents(string group, string stream, IReadOnlyList<CapturedLine> events)
    {
        if (events.Count == 0)
        {
            throw new LocalServiceException("InvalidParameterException", "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw new LocalServiceException("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }

        if (events[^1].Timestamp - events[0].Timestamp > TimeSpan.FromHours(24))
        {
            throw new LocalServiceException("InvalidParameterException", "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }

        int? retention;
        lock (_gate)
        {
            retention = RetentionOf(group);
            if (!StreamExists(group, stream))
            {
                throw StreamNotFound();
            }
        }

        var now = _time.GetUtcNow();
        var list = events.ToList();
        var tooOldEnd = list.FindLastIndex(e => e.Timestamp < now - TimeSpan.FromDays(14));
        var expiredEnd = retention is { } days ? list.FindLastIndex(e => e.Timestamp < now - TimeSpan.FromDays(days)) : -1;
        var tooNewStart = list.FindIndex(e => e.Timestamp > now + TimeSpan.FromHours(2));
        var firstKept = Math.Max(tooOldEnd, expiredEnd) + 1;
        var accepted = list.Take(tooNewStart < 0 ? list.Count : tooNewStart).Skip(firstKept).ToList();
        Append(group, stream, accepted, source: null, sourceOffset: 0);
        return new RejectedEvents(
            tooOldEnd >= 0 ? tooOldEnd : null,
            tooNewStart >= 0 ? tooNewStart : null,
            expiredEnd >= 0 ? expiredEnd : null);
    }

    /// <summary>How far a captured output file has been read into the logs.</summary>
    public long GetCaptureOffset(string source)
    {
        lock (_gate)
        {
            using var command = StateDatabase.Command(_connection, null, "SELECT offset FROM capture_offsets WHERE source = $source;", ("$source", source));
            return command.ExecuteScalar() is long offset ? offset : 0;
        }
    }

    public void SetCaptureOffset(string source, long offset)
    {
        lock (_gate)
        {
            SetOffset(source, offset, null);
        }
    }

    public void ForgetCaptureSource(string source)
    {
        lock (_gate)
        {
            using var command = StateDatabase.Command(_connection, null, "DELETE FROM capture_offsets WHERE source = $source;", ("$source", source));
            command.ExecuteNonQuery();
        }
    }

    public LogEventPage GetLogEvents(string group, string stream, DateTimeOffset? start, DateTimeOffset? end, string? nextToken, int? limit, bool startFromHead)
    {
        var pageSize = CheckLimit(limit, MaxEventsPerPage, MaxEventsPerPage);
        lock (_gate)
        {
            RequireGroup(group, null);
            if (!StreamExists(group, stream))
            {
                throw new LocalServiceException("ResourceNotFoundException", "The specified log stream does not exist.");
            }

            bool forward;
            long bound;
            if (nextToken is null)
            {
                forward = startFromHead;
                bound = startFromHead ? 0 : long.MaxValue;
            }
            else
            {
                (forward, bound) = ParseEventToken(nextToken);
            }

            var condition = forward ? "id > $bound" : "id < $bound";
            var order = forward ? "ASC" : "DESC";
            using var command = StateDatabase.Command(_connection, null, $"""
                SELECT id, timestamp, ingestion_time, message FROM log_events
                WHERE group_name = $group AND stream_name = $stream AND {condition}
                  AND ($start IS NULL OR timestamp >= $start) AND ($end IS NULL OR timestamp <= $end)
                ORDER BY id {order} LIMIT $limit;
                """,
                ("$group", group), ("$stream", stream), ("$bound", bound), ("$limit", pageSize),
                ("$start", start?.ToUnixTimeMilliseconds()), ("$end", end?.ToUnixTimeMilliseconds()));
            var events = ReadEvents(command, stream);
            if (!forward)
            {
                events.Reverse();
            }

            if (events.Count == 0)
            {
                // Nothing more this way: hand the same position back, as CloudWatch Logs does, so a
                // follower can keep polling with it.
                var position = nextToken ?? (forward ? "f/" : "b/") + Token(bound == long.MaxValue ? 0 : bound);
                var here = position[2..];
                return new LogEventPage(events, "f/" + here, "b/" + here);
            }

            return new LogEventPage(events, "f/" + Token(events[^1].Id), "b/" + Token(events[0].Id));
        }
    }

    public FilteredLogEvents FilterLogEvents(
        string group,
        IReadOnlyList<string>? streamNames,
        string? streamPrefix,
        DateTimeOffset? start,
        DateTimeOffset? end,
        string? filterPattern,
        string? nextToken,
        int? limit)
    {
        if (streamNames is { Count: > 0 } && streamPrefix is not null)
        {
            throw new LocalServiceException("InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive");
        }

        var pageSize = CheckLimit(limit, MaxEventsPerPage, MaxEventsPerPage);
        var pattern = FilterPattern.Parse(filterPattern);
        long afterTimestamp = long.MinValue, afterId = 0;
        if (nextToken is not null)
        {
            var parts = (DecodeToken(nextToken) ?? "").Split(':');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out afterTimestamp)
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out afterId))
            {
                throw new LocalServiceException("InvalidParameterException", "The specified nextToken is invalid.");
            }
        }

        lock (_gate)
        {
            RequireGroup(group, null);
            var streamFilter = streamNames is { Count: > 0 }
                ? "AND stream_name IN (" + string.Join(", ", streamNames.Select((_, i) => "$s" + i.ToString(CultureInfo.InvariantCulture))) + ")"
                : "";
            using var command = StateDatabase.Command(_connection, null, $"""
                SELECT id, timestamp, ingestion_time, message, stream_name FROM log_events
                WHERE group_name = $group {streamFilter}
                  AND ($prefix IS NULL OR substr(stream_name, 1, length($prefix)) = $prefix)
                  AND ($start IS NULL OR timestamp >= $start) AND ($end IS NULL OR timestamp <= $end)
                  AND (timestamp > $afterTs OR (timestamp = $afterTs AND id > $afterId))
                ORDER BY timestamp, id;
                """,
                ("$group", group), ("$prefix", streamPrefix), ("$start", start?.ToUnixTimeMilliseconds()),
                ("$end", end?.ToUnixTimeMilliseconds()), ("$afterTs", afterTimestamp), ("$afterId", afterId));
            if (streamNames is { Count: > 0 })
            {
                for (var i = 0; i < streamNames.Count; i++)
                {
                    command.Parameters.AddWithValue("$s" + i.ToString(CultureInfo.InvariantCulture), streamNames[i]);
                }
            }

            using var reader = command.ExecuteReader();
            var events = new List<LogEventInfo>();
            string? token = null;
            while (reader.Read())
            {
                var message = reader.GetString(3);
                if (!pattern.Matches(message))
                {
                    continue;
                }

                if (events.Count == pageSize)
                {
                    var last = events[^1];
                    token = EncodeToken(string.Create(CultureInfo.InvariantCulture, $"{last.Timestamp.ToUnixTimeMilliseconds()}:{last.Id}"));
                    break;
                }

                events.Add(new LogEventInfo(
                    reader.GetInt64(0),
                    reader.GetString(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    message));
            }

            return new FilteredLogEvents(events, token);
        }
    }

    /// <summary>Drops events older than their group's retention.</summary>
    public void ApplyRetention()
    {
        lock (_gate)
        {
            using var command = StateDatabase.Command(_connection, null, """
                DELETE FROM log_events WHERE id IN (
                    SELECT e.id FROM log_events e JOIN log_groups g ON g.name = e.group_name
                    WHERE g.retention_days IS NOT NULL AND e.timestamp < $now - g.retention_days * 86400000);
                """, ("$now", Now()));
            command.ExecuteNonQuery();
        }
    }

    // ---- helpers ----

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static List<LogEventInfo> ReadEvents(SqliteCommand command, string stream)
    {
        using var reader = command.ExecuteReader();
        var events = new List<LogEventInfo>();
        while (reader.Read())
        {
            events.Add(new LogEventInfo(
                reader.GetInt64(0),
                stream,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3)));
        }

        return events;
    }

    private void SetOffset(string source, long offset, SqliteTransaction? transaction)
    {
        using var command = StateDatabase.Command(_connection, transaction,
            "INSERT INTO capture_offsets (source, offset) VALUES ($source, $offset) ON CONFLICT(source) DO UPDATE SET offset = excluded.offset;",
            ("$source", source), ("$offset", offset));
        command.ExecuteNonQuery();
    }

    private bool GroupExists(string name, SqliteTransaction? transaction)
    {
        using var command = StateDatabase.Command(_connection, transaction, "SELECT 1 FROM log_groups WHERE name = $name;", ("$name", name));
        return command.ExecuteScalar() is not null;
    }

    /// <summary>The group's retention in days (null: never expire); throws when the group does not exist.</summary>
    private int? RetentionOf(string group)
    {
        using var command = StateDatabase.Command(_connection, null, "SELECT retention_days FROM log_groups WHERE name = $name;", ("$name", group));
        return command.ExecuteScalar() switch
        {
            null => throw GroupNotFound(),
            DBNull => null,
            var days => Convert.ToInt32(days, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private bool StreamExists(string group, string stream)
    {
        using var command = StateDatabase.Command(_connection, null,
            "SELECT 1 FROM log_streams WHERE group_name = $group AND name = $name;", ("$group", group), ("$name", stream));
        return command.ExecuteScalar() is not null;
    }

    private void RequireGroup(string name, SqliteTransaction? transaction)
    {
        if (!GroupExists(name, transaction))
        {
            throw GroupNotFound();
        }
    }

    private static LocalServiceException GroupNotFound() =>
        new("ResourceNotFoundException", "The specified log group does not exist.");

    private static LocalServiceException StreamNotFound() =>
        new("ResourceNotFoundException", "The specified log stream does not exist.");

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static int CheckLimit(int? limit, int max, int fallback)
    {
        if (limit is null)
        {
            return fallback;
        }

        return limit is >= 1 && limit <= max
            ? limit.Value
            : throw new LocalServiceException("InvalidParameterException",
                $"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to {max}");
    }

    private static (IReadOnlyList<T> Items, string? NextToken) Page<T>(List<T> items, int pageSize, Func<T, string> key)
    {
        if (items.Count <= pageSize)
        {
            return (items, null);
        }

        items.RemoveAt(items.Count - 1);
        return (items, EncodeToken(key(items[^1])));
    }

    private static string Token(long id) => id.ToString("D20", CultureInfo.InvariantCulture);

    private static (bool Forward, long Bound) ParseEventToken(string token)
    {
        if (token.Length > 2 && token[1] == '/' && token[0] is 'f' or 'b'
            && long.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var bound))
        {
            return (token[0] == 'f', bound);
        }

        throw new LocalServiceException("InvalidParameterException", "The specified nextToken is invalid.");
    }

    private static string EncodeToken(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string? DecodeToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new LocalServiceException("InvalidParameterException", "The specified nextToken is invalid.");
        }
    }

    internal static void ValidateGroupName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 512 || !GroupNamePattern().IsMatch(name))
        {
            throw new LocalServiceException("InvalidParameterException",
                $"1 validation error detected: Value '{name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
    }

    private static void ValidateStreamName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 512 || name.Contains(':', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
        {
            throw new LocalServiceException("InvalidParameterException",
                $"1 validation error detected: Value '{name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
    }

    [GeneratedRegex(@"^[\.\-_/#A-Za-z0-9]+$")]
    private static partial Regex GroupNamePattern();
}
