using System.Text;

namespace Fargo.Aws.Credentials;

/// <summary>
/// A set of AWS credentials. The secret and the session token never appear in <see cref="ToString"/>,
/// so logging or printing a value cannot leak them.
/// </summary>
public sealed record AwsCredentials
{
    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null, DateTimeOffset? expiration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        Expiration = expiration;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials (sent as X-Amz-Security-Token), else null.</summary>
    public string? SessionToken { get; }

    /// <summary>When temporary credentials should be replaced (their expiry, less any safety margin of their source), if known.</summary>
    public DateTimeOffset? Expiration { get; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***, SessionToken = ").Append(SessionToken is null ? "(none)" : "***")
            .Append(", Expiration = ").Append(Expiration?.ToString("O") ?? "(none)");
        return true;
    }
}

/// <summary>Where a client gets credentials each time it signs a request.</summary>
public interface IAwsCredentialsProvider
{
    /// <summary>
    /// Current credentials. Throws <see cref="AwsCredentialsException"/> when there are none, or they expired
    /// and cannot be refreshed, with a message that says what to do.
    /// </summary>
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What the user should do when AWS says these credentials expired (e.g. "Run `aws sso login --profile dev`"),
    /// or null when there is nothing to say.
    /// </summary>
    string? RenewalHint => null;
}

/// <summary>Fixed credentials, e.g. the local region's own key pair.</summary>
public sealed class StaticAwsCredentialsProvider(AwsCredentials credentials) : IAwsCredentialsProvider
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
