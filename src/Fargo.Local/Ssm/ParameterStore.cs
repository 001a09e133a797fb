using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Fargo.Local.Api;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.Ssm;

internal sealed class ParameterVersionRecord
{
    public required long Version { get; init; }

    /// <summary>For SecureString: the AES-GCM box (see <see cref="ParameterCipher"/>), never the plaintext.</summary>
    public required string StoredValue { get; init; }

    public required DateTimeOffset LastModifiedDate { get; init; }
    public string? Description { get; init; }
}

internal sealed class ParameterRecord
{
    public required string Name { get; init; }
    public required string Type { get; set; }
    public string DataType { get; set; } = "text";
    public string? KeyId { get; set; }
    public string? AllowedPattern { get; set; }
    public string Tier { get; set; } = "Standard";
    public List<KeyValuePair<string, string>> Tags { get; set; } = [];

    /// <summary>Oldest first; the last is the current value. At most 100, as in SSM.</summary>
    public List<ParameterVersionRecord> Versions { get; set; } = [];

    [JsonIgnore]
    public ParameterVersionRecord Current => Versions[^1];
}

/// <summary>A parameter as a read returns it: the value decrypted when asked for, else as stored.</summary>
internal sealed record ParameterValue(
    string Name,
    string Type,
    string Value,
    long Version,
    DateTimeOffset LastModifiedDate,
    string Arn,
    string DataType,
    string? Selector);

internal sealed record ParameterDescription(
    string Name,
    string Arn,
    string Type,
    string? KeyId,
    DateTimeOffset LastModifiedDate,
    string? Description,
    long Version,
    string Tier,
    string DataType,
    string? AllowedPattern);

/// <summary>A DescribeParameters / GetParametersByPath filter: Name, Path, Type, with its option.</summary>
internal sealed record ParameterFilter(string Key, string? Option, IReadOnlyList<string> Values);

/// <summary>
/// SSM Parameter Store, locally: String, StringList and SecureString parameters with versions, paths and
/// AWS's validation and errors. SecureString values are encrypted at rest (<see cref="ParameterCipher"/>).
/// </summary>
internal sealed partial class ParameterStore : IDisposable
{
    public const string DefaultKeyId = "alias/aws/ssm";
    private const int MaxVersions = 100;
    private const int MaxStandardValueLength = 4096;

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<ParameterRecord> _table;
    private readonly ParameterCipher _cipher;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, ParameterRecord> _parameters = new(StringComparer.Ordinal);

    public ParameterStore(string databasePath, ParameterCipher cipher, TimeProvider time)
    {
        _cipher = cipher;
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        _table = new DocumentTable<ParameterRecord>(_connection, "ssm_parameters", LocalJsonContext.Default.ParameterRecord);
        _table.LoadInto(_connection, _parameters, p => p.Name);
    }

    public void Dispose() => _connection.Dispose();

    public static string ArnOf(string name) =>
        $"arn:{LocalRegionConstants.Partition}:ssm:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:parameter{(name.StartsWith('/') ? "" : "/")}{name}";

    public (long Version, string Tier) Put(
        string name,
        string? value,
        string? type,
        bool overwrite,
        string? description,
        string? keyId,
        string? allowedPattern,
        string? dataType,
        IReadOnlyList<KeyValuePair<string, string>>? tags)
    {
        ValidateName(name);
        if (string.IsNullOrEmpty(value))
        {
            throw Validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        if (value.Length > MaxStandardValueLength)
        {
            throw Validation($"1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to {MaxStandardValueLength}");
        }

        if (type is not null and not ("String" or "StringList" or "SecureString"))
        {
            throw Validation($"1 validation error detected: Value '{type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }

        if (tags is { Count: > 0 } && overwrite)
        {
            throw Validation("Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.");
        }

        if (dataType is not null and not ("text" or "aws:ec2:image" or "aws:ssm:integration"))
        {
            throw Validation($"The following data type is not supported: {dataType} (Data type names are all lowercase.)");
        }

        if (allowedPattern is not null)
        {
            bool matches;
            try
            {
                matches = Regex.IsMatch(value, allowedPattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                throw Validation($"Parameter {name} has invalid allowed pattern {allowedPattern}.");
            }

            if (!matches)
            {
                throw new LocalServiceException("ParameterPatternMismatchException", $"Parameter value, cannot be validated against allowedPattern: {allowedPattern}");
            }
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_parameters.TryGetValue(name, out var existing))
            {
                if (!overwrite)
                {
                    throw new LocalServiceException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
                }

                var newType = type ?? existing.Type;
                var updated = new ParameterRecord
                {
                    Name = name,
                    Type = newType,
                    DataType = dataType ?? existing.DataType,
                    KeyId = newType == "SecureString" ? keyId ?? existing.KeyId ?? DefaultKeyId : null,
                    AllowedPattern = allowedPattern ?? existing.AllowedPattern,
                    Tier = existing.Tier,
                    Tags = existing.Tags,
                    Versions = [.. existing.Versions],
                };
                if (updated.Versions.Count >= MaxVersions)
                {
                    updated.Versions.RemoveAt(0);
                }

                var version = existing.Current.Version + 1;
                updated.Versions.Add(new ParameterVersionRecord
                {
                    Version = version,
                    StoredValue = Store(name, newType, value),
                    LastModifiedDate = now,
                    Description = description ?? existing.Current.Description,
                });
                Save(updated);
                return (version, updated.Tier);
            }

            if (type is null)
            {
                throw Validation("A parameter type is required when you create a parameter.");
            }

            var created = new ParameterRecord
            {
                Name = name,
                Type = type,
                DataType = dataType ?? "text",
                KeyId = type == "SecureString" ? keyId ?? DefaultKeyId : null,
                AllowedPattern = allowedPattern,
                Tags = tags is null ? [] : [.. tags],
                Versions = [new ParameterVersionRecord { Version = 1, StoredValue = Store(name, type, value), LastModifiedDate = now, Description = description }],
            };
            Save(created);
            return (1, created.Tier);
        }
    }

    /// <summary>One parameter by name, ARN, or "name:version".</summary>
    public ParameterValue Get(string nameOrSelector, bool withDecryption)
    {
        lock (_gate)
        {
            return TryGet(nameOrSelector, withDecryption)
                ?? throw new LocalServiceException("ParameterNotFound", "");
        }
    }

    /// <summary>Several parameters; the names not found are returned, not thrown.</summary>
    public (IReadOnlyList<ParameterValue> Found, IReadOnlyList<string> Invalid) GetMany(IReadOnlyList<string> names, bool withDecryption)
    {
        if (names.Count is 0 or > 10)
        {
            throw Validation($"1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length {(names.Count == 0 ? "greater than or equal to 1" : "less than or equal to 10")}");
        }

        lock (_gate)
        {
            var found = new List<ParameterValue>();
            var invalid = new List<string>();
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (TryGet(name, withDecryption) is { } value)
                {
                    found.Add(value);
                }
                else
                {
                    invalid.Add(name);
                }
            }

            return (found, invalid);
        }
    }

    public (IReadOnlyList<ParameterValue> Parameters, string? NextToken) GetByPath(
        string path,
        bool recursive,
        bool withDecryption,
        IReadOnlyList<ParameterFilter>? filters,
        int? maxResults,
        string? nextToken)
    {
        if (!path.StartsWith('/'))
        {
            throw Validation("The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.");
        }

        var pageSize = CheckMaxResults(maxResults, 10);
        var prefix = path.EndsWith('/') ? path : path + "/";
        lock (_gate)
        {
            var matches = _parameters.Values
                .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)
                            && (recursive || !p.Name.AsSpan(prefix.Length).Contains('/')))
                .Where(p => filters is null || filters.All(f => MatchesFilter(p, f)))
                .ToList();
            var (page, token) = Page(matches, pageSize, nextToken);
            return (page.Select(p => ToValue(p, p.Current, withDecryption, null)).ToList(), token);
        }
    }

    public void Delete(string name)
    {
        lock (_gate)
        {
            var key = NameOf(name);
            if (!_parameters.ContainsKey(key))
            {
                throw new LocalServiceException("ParameterNotFound", "");
            }

            Remove(key);
        }
    }

    public (IReadOnlyList<string> Deleted, IReadOnlyList<string> Invalid) DeleteMany(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            var deleted = new List<string>();
            var invalid = new List<string>();
            foreach (var name in names)
            {
                var key = NameOf(name);
                if (_parameters.ContainsKey(key))
                {
                    Remove(key);
                    deleted.Add(name);
                }
                else
                {
                    invalid.Add(name);
                }
            }

            return (deleted, invalid);
        }
    }

    public (IReadOnlyList<ParameterDescription> Parameters, string? NextToken) Describe(
        IReadOnlyList<ParameterFilter>? filters, int? maxResults, string? nextToken)
    {
        var pageSize = CheckMaxResults(maxResults, 50);
        lock (_gate)
        {
            var matches = _parameters.Values.Where(p => filters is null || filters.All(f => MatchesFilter(p, f))).ToList();
            var (page, token) = Page(matches, pageSize, nextToken);
            return (page.Select(p => new ParameterDescription(
                p.Name, ArnOf(p.Name), p.Type, p.KeyId, p.Current.LastModifiedDate, p.Current.Description,
                p.Current.Version, p.Tier, p.DataType, p.AllowedPattern)).ToList(), token);
        }
    }

    /// <summary>
    /// The plaintext of a parameter for a task's secrets (by name or ARN), or null when it does not exist.
    /// </summary>
    public string? ResolveSecret(string nameOrArn)
    {
        lock (_gate)
        {
            return TryGet(nameOrArn, withDecryption: true)?.Value;
        }
    }

    // ---- helpers ----

    private ParameterValue? TryGet(string nameOrSelector, bool withDecryption)
    {
        var reference = NameOf(nameOrSelector);
        string? selector = null;
        long? version = null;
        var colon = reference.LastIndexOf(':');
        if (colon > 0 && long.TryParse(reference.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            selector = reference[colon..];
            version = parsed;
            reference = reference[..colon];
        }

        if (!_parameters.TryGetValue(reference, out var parameter))
        {
            return null;
        }

        var chosen = version is null ? parameter.Current : parameter.Versions.Find(v => v.Version == version);
        return chosen is null ? null : ToValue(parameter, chosen, withDecryption, selector);
    }

    private ParameterValue ToValue(ParameterRecord parameter, ParameterVersionRecord version, bool withDecryption, string? selector)
    {
        var value = parameter.Type == "SecureString" && withDecryption
            ? Decrypt(parameter.Name, version.StoredValue)
            : version.StoredValue;
        return new ParameterValue(parameter.Name, parameter.Type, value, version.Version, version.LastModifiedDate, ArnOf(parameter.Name), parameter.DataType, selector);
    }

    private string Decrypt(string name, string stored)
    {
        try
        {
            return _cipher.Decrypt(name, stored);
        }
        catch (CryptographicException e)
        {
            throw new LocalServiceException($"The SecureString parameter {name} can't be decrypted with this FARGO_HOME's key.", e);
        }
    }

    private string Store(string name, string type, string value) =>
        type == "SecureString" ? _cipher.Encrypt(name, value) : value;

    /// <summary>A parameter ARN names the parameter after "parameter"; a plain name is itself.</summary>
    private static string NameOf(string nameOrArn)
    {
        const string marker = ":parameter";
        if (nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            var index = nameOrArn.IndexOf(marker, StringComparison.Ordinal);
            if (index > 0)
            {
                var rest = nameOrArn[(index + marker.Length)..];
                // "parameter/a/b" names "/a/b"; "parameter/a" names "a" (a name without a leading slash).
                return rest.Count(c => c == '/') > 1 ? rest : rest.TrimStart('/');
            }
        }

        return nameOrArn;
    }

    private static bool MatchesFilter(ParameterRecord parameter, ParameterFilter filter)
    {
        var option = filter.Option ?? "Equals";
        return filter.Key switch
        {
            "Name" => filter.Values.Any(v => option == "BeginsWith"
                ? parameter.Name.StartsWith(v, StringComparison.Ordinal) || ("/" + parameter.Name.TrimStart('/')).StartsWith("/" + v.TrimStart('/'), StringComparison.Ordinal)
                : parameter.Name == v || parameter.Name.TrimStart('/') == v.TrimStart('/')),
            "Type" => filter.Values.Contains(parameter.Type),
            "KeyId" => parameter.KeyId is not null && filter.Values.Contains(parameter.KeyId),
            "DataType" => filter.Values.Contains(parameter.DataType),
            "Tier" => filter.Values.Contains(parameter.Tier),
            "Path" => filter.Values.Any(v =>
            {
                var prefix = v.EndsWith('/') ? v : v + "/";
                return parameter.Name.StartsWith(prefix, StringComparison.Ordinal)
                       && (option == "Recursive" || !parameter.Name.AsSpan(prefix.Length).Contains('/'));
            }),
            _ when filter.Key.StartsWith("tag:", StringComparison.Ordinal) =>
                parameter.Tags.Exists(t => t.Key == filter.Key[4..] && (filter.Values.Count == 0 || filter.Values.Contains(t.Value))),
            _ => throw new LocalServiceException("InvalidFilterKey", $"The following filter key is not valid: {filter.Key}. Valid filter keys include: [Path, Name, Type, KeyId, Tier, DataType]."),
        };
    }

    private static (List<ParameterRecord> Page, string? NextToken) Page(List<ParameterRecord> sortedByName, int pageSize, string? nextToken)
    {
        var start = 0;
        if (nextToken is not null)
        {
            string after;
            try
            {
                after = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(nextToken));
            }
            catch (FormatException)
            {
                throw new LocalServiceException("InvalidNextToken", "The specified token isn't valid.");
            }

            start = sortedByName.FindIndex(p => string.CompareOrdinal(p.Name, after) > 0);
            if (start < 0)
            {
                start = sortedByName.Count;
            }
        }

        var page = sortedByName.Skip(start).Take(pageSize).ToList();
        var more = start + pageSize < sortedByName.Count;
        return (page, more ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(page[^1].Name)) : null);
    }

    private static int CheckMaxResults(int? maxResults, int max)
    {
        if (maxResults is null)
        {
            return max;
        }

        return maxResults is >= 1 && maxResults <= max
            ? maxResults.Value
            : throw Validation($"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {max}");
    }

    private void Save(ParameterRecord parameter)
    {
        using var transaction = _connection.BeginTransaction();
        _table.Put(_connection, transaction, parameter.Name, parameter);
        transaction.Commit();
        _parameters[parameter.Name] = parameter;
    }

    private void Remove(string name)
    {
        using var transaction = _connection.BeginTransaction();
        _table.Delete(_connection, transaction, name);
        transaction.Commit();
        _parameters.Remove(name);
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 1011)
        {
            throw Validation("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length between 1 and 1011");
        }

        var bare = name.TrimStart('/');
        if (bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
        {
            throw Validation("No access to reserved parameter name: " + name + ".");
        }

        if (!NamePattern().IsMatch(name) || (name.Contains('/', StringComparison.Ordinal) && !name.StartsWith('/')) || name.Contains("//", StringComparison.Ordinal) || name.EndsWith('/'))
        {
            throw Validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_");
        }

        if (name.Count(c => c == '/') > 15)
        {
            throw new LocalServiceException("HierarchyLevelLimitExceededException", "A hierarchy can have a maximum of 15 levels.");
        }
    }

    private static LocalServiceException Validation(string message) => new("ValidationException", message);

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-/]+$")]
    private static partial Regex NamePattern();
}
