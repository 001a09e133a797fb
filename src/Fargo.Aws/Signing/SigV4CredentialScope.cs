namespace Fargo.Aws.Signing;

/// <summary>
/// The credential scope a request claims in its Authorization header (not yet verified). A server serving several
/// services on one port reads it first to know which service (and region) the client addressed, then verifies.
/// </summary>
public sealed record SigV4CredentialScope(string AccessKeyId, string Date, string Region, string Service)
{
    /// <summary>The scope of a SigV4 Authorization header, or null when there is none or it is malformed.</summary>
    public static SigV4CredentialScope? TryRead(AwsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.GetHeader("Authorization");
        if (authorization is null || !authorization.StartsWith(SigV4Canonicalizer.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        const string marker = "Credential=";
        var start = authorization.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        start += marker.Length;
        var end = authorization.IndexOf(',', start);
        var parts = (end < 0 ? authorization[start..] : authorization[start..end]).Trim().Split('/');
        return parts.Length == 5 && parts[4] == SigV4Canonicalizer.Terminator ? new SigV4CredentialScope(parts[0], parts[1], parts[2], parts[3]) : null;
    }
}
