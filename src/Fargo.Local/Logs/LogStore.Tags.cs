using System.Text.Json;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Local.Api;
using Fargo.Local.State;

namespace Fargo.Local.Logs;

// Tags of log groups and metric filters. A metric filter is kept and described as CloudWatch Logs keeps it; the local
// region has no CloudWatch metrics, so nothing publishes the metric it names.
internal sealed partial class LogStore
{
    private const string LogGroupArnPrefix = $"arn:{LocalRegionConstants.Partition}:logs:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:log-group:";

    public void TagLogGroup(string resourceArn, IReadOnlyDictionary<string, string> tags)
    {
        var group = GroupOfArn(resourceArn);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireGroup(group, transaction);
            using var upsert = StateDatabase.Command(_connection, transaction,
                "INSERT INTO log_group_tags (group_name, key, value) VALUES ($group, $key, $value) ON CONFLICT DO UPDATE SET value = excluded.value;",
                ("$group", group), ("$key", ""), ("$value", ""));
            foreach (var (key, value) in tags)
            {
                upsert.Parameters["$key"].Value = key;
                upsert.Parameters["$value"].Value = value;
                upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void UntagLogGroup(string resourceArn, IReadOnlyList<string> keys)
    {
        var group = GroupOfArn(resourceArn);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            RequireGroup(group, transaction);
            using var delete = StateDatabase.Command(_connection, transaction,
                "DELETE FROM log_group_tags WHERE group_name = $group AND key = $key;", ("$group", group), ("$key", ""));
            foreach (var key in keys)
            {
                delete.Parameters["$key"].Value = key;
                delete.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public IReadOnlyDictionary<string, string> TagsOfLogGroup(string resourceArn)
    {
        var group = GroupOfArn(resourceArn);
        lock (_gate)
        {
            RequireGroup(group, null);
            using var command = StateDatabase.Command(_connection, null,
                "SELECT key, value FROM log_group_tags WHERE group_name = $group ORDER BY key;", ("$group", group));
            using var reader = command.ExecuteReader();
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                tags[reader.GetString(0)] = reader.GetString(1);
            }

            return tags;
        }
    }

    public void PutMetricFilter(string group, string name, string pattern, IReadOnlyList<MetricTransformation> transformations)
    {
        if (transformations.Count != 1)
        {
            throw new LocalServiceException("InvalidParameterException", "1 validation error detected: Value at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1");
        }

        // The pattern must be one CloudWatch Logs can read (the same parser FilterLogEvents uses).
        FilterPattern.Parse(pattern);

        lock (_gate)
        {
            RequireGroup(group, null);
            using var command = StateDatabase.Command(_connection, null, """
                INSERT INTO metric_filters (group_name, name, pattern, transformations, created_at) VALUES ($group, $name, $pattern, $transformations, $now)
                ON CONFLICT DO UPDATE SET pattern = excluded.pattern, transformations = excluded.transformations;
                """,
                ("$group", group), ("$name", name), ("$pattern", pattern),
                ("$transformations", JsonSerializer.Serialize(transformations, CloudWatchLogsJsonContext.Default.IReadOnlyListMetricTransformation)),
                ("$now", Now()));
            command.ExecuteNonQuery();
        }
    }

    public void DeleteMetricFilter(string group, string name)
    {
        lock (_gate)
        {
            RequireGroup(group, null);
            using var command = StateDatabase.Command(_connection, null,
                "DELETE FROM metric_filters WHERE group_name = $group AND name = $name;", ("$group", group), ("$name", name));
            if (command.ExecuteNonQuery() == 0)
            {
                throw new LocalServiceException("ResourceNotFoundException", "The specified metric filter does not exist.");
            }
        }
    }

    public IReadOnlyList<MetricFilter> DescribeMetricFilters(string? group, string? namePrefix, string? metricName, string? metricNamespace)
    {
        if (namePrefix is not null && group is null)
        {
            throw new LocalServiceException("InvalidParameterException", "If filterNamePrefix is specified, logGroupName must also be specified.");
        }

        lock (_gate)
        {
            if (group is not null)
            {
                RequireGroup(group, null);
            }

            using var command = StateDatabase.Command(_connection, null, """
                SELECT group_name, name, pattern, transformations, created_at FROM metric_filters
                WHERE ($group IS NULL OR group_name = $group) AND ($prefix IS NULL OR substr(name, 1, length($prefix)) = $prefix)
                ORDER BY group_name, name;
                """, ("$group", group), ("$prefix", namePrefix));
            using var reader = command.ExecuteReader();
            var filters = new List<MetricFilter>();
            while (reader.Read())
            {
                var transformations = JsonSerializer.Deserialize(reader.GetString(3), CloudWatchLogsJsonContext.Default.IReadOnlyListMetricTransformation) ?? [];
                if ((metricName is null || transformations.Any(t => t.MetricName == metricName))
                    && (metricNamespace is null || transformations.Any(t => t.MetricNamespace == metricNamespace)))
                {
                    filters.Add(new MetricFilter
                    {
                        LogGroupName = reader.GetString(0),
                        FilterName = reader.GetString(1),
                        FilterPattern = reader.GetString(2),
                        MetricTransformations = transformations,
                        CreationTime = reader.GetInt64(4),
                    });
                }
            }

            return filters;
        }
    }

    private static string GroupOfArn(string arn) =>
        arn.StartsWith(LogGroupArnPrefix, StringComparison.Ordinal) && arn.Length > LogGroupArnPrefix.Length && !arn.EndsWith(":*", StringComparison.Ordinal)
            ? arn[LogGroupArnPrefix.Length..]
            : throw new LocalServiceException("InvalidParameterException", $"Invalid resource arn: {arn} (a log group's ARN, {LogGroupArnPrefix}NAME, without :*)");
}
