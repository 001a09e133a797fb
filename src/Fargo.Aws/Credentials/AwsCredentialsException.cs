namespace Fargo.Aws.Credentials;

/// <summary>
/// No usable credentials: none configured, a profile that does not exist, an SSO session that expired,
/// a role that could not be assumed. The message says what the user can do about it.
/// </summary>
public sealed class AwsCredentialsException : AwsException
{
    public AwsCredentialsException(string message, string? profile = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Profile = profile;
    }

    /// <summary>The profile that was being resolved, if any.</summary>
    public string? Profile { get; }
}
