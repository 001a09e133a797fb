using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fargo.Aws.Credentials;
using Fargo.Local.Ssm;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.Sts;

/// <summary>
/// Temporary credentials bound to a role, as STS issues them: an ASIA… key id, a secret, a session token and an
/// expiry. A request signed with them verifies only with the token and only until the expiry; the caller is then the
/// role's assumed-role session (GetCallerIdentity). Kept in state.db with the secret and token sealed at rest, so
/// tasks that outlive an engine restart keep working credentials.
/// </summary>
internal sealed class RoleSessions : IDisposable
{
    private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<RoleSessionRecord> _table;
    private readonly ParameterCipher _cipher;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoleSessionRecord> _sessions = new(StringComparer.Ordinal);

    // The verifier looks a key up on every signed request: unseal each session's secret once, not per request.
    private readonly Dictionary<string, AwsCredentials> _unsealed = new(StringComparer.Ordinal);

    public RoleSessions(string databasePath, ParameterCipher cipher, TimeProvider time)
    {
        _cipher = cipher;
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        _table = new DocumentTable<RoleSessionRecord>(_connection, "sts_role_sessions", LocalJsonContext.Default.RoleSessionRecord);
        _table.LoadInto(_connection, _sessions, s => s.AccessKeyId);
    }

    public void Dispose() => _connection.Dispose();

    public RoleSession Issue(string roleArn, string sessionName, TimeSpan duration)
    {
        var now = _time.GetUtcNow();
        var session = new RoleSession(
            "ASIA" + RandomNumberGenerator.GetString(KeyIdAlphabet, 16),
            RandomNumberGenerator.GetString(SecretAlphabet, 40),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            roleArn,
            sessionName,
            now + duration);
        var sealedSecret = _cipher.Encrypt(session.AccessKeyId, JsonSerializer.Serialize(new SealedSessionSecret(session.SecretAccessKey, session.SessionToken), LocalJsonContext.Default.SealedSessionSecret));
        var record = new RoleSessionRecord(session.AccessKeyId, sealedSecret, roleArn, sessionName, session.Expiration);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var expired in _sessions.Values.Where(s => s.Expiration <= now).ToList())
            {
                _table.Delete(_connection, transaction, expired.AccessKeyId);
                _sessions.Remove(expired.AccessKeyId);
                _unsealed.Remove(expired.AccessKeyId);
            }

            _table.Put(_connection, transaction, record.AccessKeyId, record);
            transaction.Commit();
            _sessions[record.AccessKeyId] = record;
        }

        return session;
    }

    /// <summary>The signing credentials of an unexpired session (with its token), or null: what the SigV4 verifier looks keys up in.</summary>
    public AwsCredentials? Credentials(string accessKeyId)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(accessKeyId, out var record) || record.Expiration <= _time.GetUtcNow())
            {
                return null;
            }

            if (!_unsealed.TryGetValue(accessKeyId, out var credentials))
            {
                var secret = JsonSerializer.Deserialize(_cipher.Decrypt(record.AccessKeyId, record.SealedSecret), LocalJsonContext.Default.SealedSessionSecret)!;
                credentials = new AwsCredentials(record.AccessKeyId, secret.SecretAccessKey, secret.SessionToken, record.Expiration);
                _unsealed[accessKeyId] = credentials;
            }

            return credentials;
        }
    }

    /// <summary>The ARN of the role a session key belongs to, or null for a key that is not a session's.</summary>
    public string? RoleArnOf(string accessKeyId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(accessKeyId, out var record) ? record.RoleArn : null;
        }
    }

    /// <summary>Who signs with this key: the role session, or null for a key that is not a session's (the region's own).</summary>
    public AssumedRole? Caller(string accessKeyId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(accessKeyId, out var record) ? AssumedRole.Of(record.RoleArn, record.SessionName) : null;
        }
    }
}

/// <summary>Temporary credentials as handed out (the secret and token in the clear, once).</summary>
internal sealed record RoleSession(string AccessKeyId, string SecretAccessKey, string SessionToken, string RoleArn, string SessionName, DateTimeOffset Expiration);

/// <summary>A role session as STS names it: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, and the role id with the session.</summary>
internal sealed record AssumedRole(string Arn, string UserId, string Account)
{
    public static AssumedRole Of(string roleArn, string sessionName)
    {
        // arn:PARTITION:iam::ACCOUNT:role/PATH/NAME: the assumed-role ARN names the role without its path.
        var parts = roleArn.Split(':', 6);
        var account = parts.Length == 6 ? parts[4] : LocalRegionConstants.Account;
        var partition = parts.Length == 6 ? parts[1] : LocalRegionConstants.Partition;
        var roleName = parts.Length == 6 ? parts[5][(parts[5].LastIndexOf('/') + 1)..] : roleArn;
        // Role ids are AROA and 17 characters; the same role always gets the same one.
        var roleId = "AROA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn)))[..17];
        return new AssumedRole($"arn:{partition}:sts::{account}:assumed-role/{roleName}/{sessionName}", $"{roleId}:{sessionName}", account);
    }
}

internal sealed record RoleSessionRecord(string AccessKeyId, string SealedSecret, string RoleArn, string SessionName, DateTimeOffset Expiration);

internal sealed record SealedSessionSecret(string SecretAccessKey, string SessionToken);
