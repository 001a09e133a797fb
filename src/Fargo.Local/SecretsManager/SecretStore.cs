using System.Security.Cryptography;
using System.Text;
using Fargo.Local.Api;
using Fargo.Local.Ssm;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.SecretsManager;

/// <summary>
/// Secrets Manager, locally: secrets with versions and staging labels (AWSCURRENT, AWSPREVIOUS), values encrypted
/// at rest as SSM SecureStrings are, deletion with a recovery window (or at once with ForceDeleteWithoutRecovery),
/// AWS's errors word for word. Written through to state.db on every change.
/// </summary>
internal sealed class SecretStore : IDisposable
{
    public const string Current = "AWSCURRENT";
    public const string Previous = "AWSPREVIOUS";

    private const string NotFound = "Secrets Manager can't find the specified secret.";
    private const string PunctuationCharacters = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<SecretRecord> _table;
    private readonly ParameterCipher _cipher;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SecretRecord> _secrets = new(StringComparer.Ordinal);

    public SecretStore(string databasePath, ParameterCipher cipher, TimeProvider time)
    {
        _cipher = cipher;
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        _table = new DocumentTable<SecretRecord>(_connection, "secretsmanager_secrets", LocalJsonContext.Default.SecretRecord);
        _table.LoadInto(_connection, _secrets, s => s.Name);
    }

    public void Dispose() => _connection.Dispose();

    public SecretRecord Create(string name, string? description, string? kmsKeyId, string? secretString, byte[]? secretBinary, string? clientToken, IReadOnlyList<KeyValuePair<string, string>>? tags)
    {
        ValidateName(name);
        if (secretString is not null && secretBinary is not null)
        {
            throw InvalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
        }

        lock (_gate)
        {
            Purge();
            if (_secrets.TryGetValue(name, out var existing))
            {
                throw existing.DeletedDate is not null
                    ? InvalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.")
                    : new LocalServiceException("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
            }

            var now = _time.GetUtcNow();
            var arn = $"arn:{LocalRegionConstants.Partition}:secretsmanager:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:secret:{name}-{RandomSuffix()}";
            var secret = new SecretRecord
            {
                Name = name,
                Arn = arn,
                Description = description,
                KmsKeyId = kmsKeyId,
                CreatedDate = now,
                LastChangedDate = now,
                Tags = tags?.ToList() ?? [],
            };
            if (secretString is not null || secretBinary is not null)
            {
                AddVersion(secret, clientToken, secretString, secretBinary, [Current]);
            }

            Save(secret);
            return secret;
        }
    }

    public SecretValue GetValue(string secretId, string? versionId, string? versionStage)
    {
        lock (_gate)
        {
            var secret = RequireLive(secretId);
            var version = versionId is not null
                ? secret.Versions.FirstOrDefault(v => v.VersionId == versionId)
                    ?? throw new LocalServiceException("ResourceNotFoundException", $"Secrets Manager can't find the specified secret value for VersionId: {versionId}")
                : secret.Versions.FirstOrDefault(v => v.Stages.Contains(versionStage ?? Current))
                    ?? throw new LocalServiceException("ResourceNotFoundException", $"Secrets Manager can't find the specified secret value for staging label: {versionStage ?? Current}");
            if (versionId is not null && versionStage is not null && !version.Stages.Contains(versionStage))
            {
                throw InvalidRequest($"You provided a VersionStage that is not associated to the provided VersionId.");
            }

            secret.LastAccessedDate = new DateTimeOffset(_time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
            Save(secret);
            return new SecretValue(
                secret.Arn,
                secret.Name,
                version.VersionId,
                version.EncryptedString is null ? null : _cipher.Decrypt(secret.Arn, version.EncryptedString),
                version.EncryptedBinary is null ? null : Convert.FromBase64String(_cipher.Decrypt(secret.Arn, version.EncryptedBinary)),
                [.. version.Stages],
                version.CreatedDate);
        }
    }

    /// <summary>A secret's metadata (deleted ones too, until their deletion date), as DescribeSecret shows it.</summary>
    public SecretRecord Describe(string secretId)
    {
        lock (_gate)
        {
            return Require(secretId);
        }
    }

    public (SecretRecord Secret, SecretVersionRecord Version) PutValue(string secretId, string? secretString, byte[]? secretBinary, string? clientToken, IReadOnlyList<string>? stages)
    {
        if ((secretString is null) == (secretBinary is null))
        {
            throw InvalidParameter("You must provide either SecretString or SecretBinary.");
        }

        lock (_gate)
        {
            var secret = RequireLive(secretId);
            if (clientToken is not null && secret.Versions.FirstOrDefault(v => v.VersionId == clientToken) is { } same)
            {
                return (secret, same);
            }

            var version = AddVersion(secret, clientToken, secretString, secretBinary, stages ?? [Current]);
            secret.LastChangedDate = _time.GetUtcNow();
            Save(secret);
            return (secret, version);
        }
    }

    public (SecretRecord Secret, SecretVersionRecord? Version) Update(string secretId, string? description, string? kmsKeyId, string? secretString, byte[]? secretBinary, string? clientToken)
    {
        if (secretString is not null && secretBinary is not null)
        {
            throw InvalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
        }

        lock (_gate)
        {
            var secret = RequireLive(secretId);
            secret.Description = description ?? secret.Description;
            secret.KmsKeyId = kmsKeyId ?? secret.KmsKeyId;
            SecretVersionRecord? version = null;
            if (secretString is not null || secretBinary is not null)
            {
                version = AddVersion(secret, clientToken, secretString, secretBinary, [Current]);
            }

            secret.LastChangedDate = _time.GetUtcNow();
            Save(secret);
            return (secret, version);
        }
    }

    /// <summary>Schedules the deletion (7 to 30 days, 30 by default), or deletes at once with <paramref name="force"/>.</summary>
    public SecretRecord Delete(string secretId, long? recoveryWindowInDays, bool force)
    {
        if (force && recoveryWindowInDays is not null)
        {
            throw InvalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }

        if (recoveryWindowInDays is < 7 or > 30)
        {
            throw InvalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }

        lock (_gate)
        {
            var secret = Require(secretId);
            var now = _time.GetUtcNow();
            if (force)
            {
                secret.DeletedDate ??= now;
                secret.DeletionDate = now;
                using var transaction = _connection.BeginTransaction();
                _table.Delete(_connection, transaction, secret.Name);
                transaction.Commit();
                _secrets.Remove(secret.Name);
                return secret;
            }

            if (secret.DeletedDate is not null)
            {
                throw InvalidRequest("You can't perform this operation on the secret because it was already scheduled for deletion.");
            }

            secret.DeletedDate = now;
            secret.DeletionDate = now.AddDays(recoveryWindowInDays ?? 30);
            Save(secret);
            return secret;
        }
    }

    /// <summary>RestoreSecret: cancels a scheduled deletion.</summary>
    public SecretRecord Restore(string secretId)
    {
        lock (_gate)
        {
            var secret = Require(secretId);
            secret.DeletedDate = null;
            secret.DeletionDate = null;
            Save(secret);
            return secret;
        }
    }

    public (IReadOnlyList<SecretRecord> Secrets, string? NextToken) List(bool includePlannedDeletion, IReadOnlyList<(string Key, IReadOnlyList<string> Values)> filters, bool descending, int? maxResults, string? nextToken)
    {
        lock (_gate)
        {
            Purge();
            var all = _secrets.Values
                .Where(s => includePlannedDeletion || s.DeletedDate is null)
                .Where(s => filters.All(f => Matches(s, f.Key, f.Values)))
                .OrderBy(s => s.CreatedDate)
                .ThenBy(s => s.Name, StringComparer.Ordinal)
                .ToList();
            if (descending)
            {
                all.Reverse();
            }

            var start = 0;
            if (nextToken is not null && (!int.TryParse(nextToken, System.Globalization.CultureInfo.InvariantCulture, out start) || start < 0))
            {
                throw InvalidParameter("Invalid NextToken.");
            }

            var size = maxResults ?? 100;
            if (size is < 1 or > 100)
            {
                throw InvalidParameter("MaxResults must be between 1 and 100.");
            }

            var page = all.Skip(start).Take(size).ToList();
            return (page, start + size < all.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        }
    }

    /// <summary>GetRandomPassword, as Secrets Manager makes passwords (and CloudFormation's GenerateSecretString).</summary>
    public static string RandomPassword(long? length, string? excludeCharacters, bool excludeNumbers, bool excludePunctuation, bool excludeUppercase, bool excludeLowercase, bool includeSpace, bool requireEachIncludedType)
    {
        var size = length ?? 32;
        if (size is < 1 or > 4096)
        {
            throw InvalidParameter("PasswordLength must be between 1 and 4096.");
        }

        var exclude = excludeCharacters ?? "";
        var classes = new List<string>();
        void Add(bool excluded, string characters)
        {
            var kept = new string(characters.Where(c => !exclude.Contains(c)).ToArray());
            if (!excluded && kept.Length > 0)
            {
                classes.Add(kept);
            }
        }

        Add(excludeLowercase, "abcdefghijklmnopqrstuvwxyz");
        Add(excludeUppercase, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        Add(excludeNumbers, "0123456789");
        Add(excludePunctuation, PunctuationCharacters);
        Add(!includeSpace, " ");
        if (classes.Count == 0)
        {
            throw InvalidParameter("The password can't be generated: every character is excluded.");
        }

        var all = string.Concat(classes);
        var password = new char[size];
        for (var i = 0; i < size; i++)
        {
            password[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        if (requireEachIncludedType && size >= classes.Count)
        {
            // One of each class at distinct random positions.
            var positions = Enumerable.Range(0, (int)size).OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(classes.Count).ToList();
            for (var k = 0; k < classes.Count; k++)
            {
                password[positions[k]] = classes[k][RandomNumberGenerator.GetInt32(classes[k].Length)];
            }
        }

        return new string(password);
    }

    /// <summary>The secret a name, full ARN or partial ARN (without the random suffix) names; null when there is none.</summary>
    public SecretRecord? Find(string secretId)
    {
        lock (_gate)
        {
            Purge();
            return FindLocked(secretId);
        }
    }

    private SecretRecord? FindLocked(string secretId)
    {
        if (!secretId.StartsWith("arn:", StringComparison.Ordinal))
        {
            return _secrets.GetValueOrDefault(secretId);
        }

        return _secrets.Values.FirstOrDefault(s => s.Arn == secretId)
            ?? _secrets.Values.FirstOrDefault(s => s.Arn[..s.Arn.LastIndexOf('-')] == secretId);
    }

    private SecretRecord Require(string secretId)
    {
        Purge();
        return FindLocked(secretId) ?? throw new LocalServiceException("ResourceNotFoundException", NotFound);
    }

    private SecretRecord RequireLive(string secretId)
    {
        var secret = Require(secretId);
        return secret.DeletedDate is null
            ? secret
            : throw InvalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
    }

    private SecretVersionRecord AddVersion(SecretRecord secret, string? clientToken, string? secretString, byte[]? secretBinary, IReadOnlyList<string> stages)
    {
        if (clientToken is not null && secret.Versions.Any(v => v.VersionId == clientToken))
        {
            throw new LocalServiceException("ResourceExistsException", $"A resource with the ID you requested already exists.");
        }

        var version = new SecretVersionRecord
        {
            VersionId = clientToken ?? Guid.NewGuid().ToString(),
            CreatedDate = _time.GetUtcNow(),
            EncryptedString = secretString is null ? null : _cipher.Encrypt(secret.Arn, secretString),
            EncryptedBinary = secretBinary is null ? null : _cipher.Encrypt(secret.Arn, Convert.ToBase64String(secretBinary)),
            Stages = [.. stages],
        };
        if (stages.Contains(Current))
        {
            // AWSCURRENT moves to the new version; the version that had it becomes AWSPREVIOUS.
            foreach (var old in secret.Versions)
            {
                old.Stages.Remove(Previous);
            }

            foreach (var old in secret.Versions.Where(v => v.Stages.Contains(Current)))
            {
                old.Stages.Remove(Current);
                old.Stages.Add(Previous);
            }
        }

        foreach (var old in secret.Versions)
        {
            old.Stages.RemoveAll(s => s != Current && s != Previous && stages.Contains(s));
        }

        secret.Versions.Add(version);
        // Versions with no label are deprecated; Secrets Manager keeps about 100 of them. Keep it small here.
        secret.Versions.RemoveAll(v => v.Stages.Count == 0 && secret.Versions.Count > 100);
        return version;
    }

    /// <summary>Secrets whose recovery window has passed are gone for good.</summary>
    private void Purge()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _secrets.Values.Where(s => s.DeletionDate is { } date && date <= now).ToList())
        {
            using var transaction = _connection.BeginTransaction();
            _table.Delete(_connection, transaction, expired.Name);
            transaction.Commit();
            _secrets.Remove(expired.Name);
        }
    }

    private void Save(SecretRecord secret)
    {
        using var transaction = _connection.BeginTransaction();
        _table.Put(_connection, transaction, secret.Name, secret);
        transaction.Commit();
        _secrets[secret.Name] = secret;
    }

    private static bool Matches(SecretRecord secret, string key, IReadOnlyList<string> values) => key switch
    {
        "name" => values.Any(v => secret.Name.StartsWith(v, StringComparison.Ordinal)),
        "description" => values.Any(v => secret.Description?.StartsWith(v, StringComparison.Ordinal) == true),
        "tag-key" => values.Any(v => secret.Tags.Any(t => t.Key.StartsWith(v, StringComparison.Ordinal))),
        "tag-value" => values.Any(v => secret.Tags.Any(t => t.Value.StartsWith(v, StringComparison.Ordinal))),
        "all" => values.Any(v => secret.Name.StartsWith(v, StringComparison.Ordinal) || secret.Description?.StartsWith(v, StringComparison.Ordinal) == true
            || secret.Tags.Any(t => t.Key.StartsWith(v, StringComparison.Ordinal) || t.Value.StartsWith(v, StringComparison.Ordinal))),
        _ => throw InvalidParameter($"Invalid filter key: {key}"),
    };

    private static void ValidateName(string name)
    {
        if (name.Length is 0 or > 512 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "/_+=.@-".Contains(c)))
        {
            throw InvalidParameter("Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var builder = new StringBuilder(6);
        for (var i = 0; i < 6; i++)
        {
            builder.Append(alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static LocalServiceException InvalidParameter(string message) => new("InvalidParameterException", message);

    private static LocalServiceException InvalidRequest(string message) => new("InvalidRequestException", message);
}
