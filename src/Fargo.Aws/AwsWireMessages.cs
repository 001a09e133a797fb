namespace Fargo.Aws;

/// <summary>
/// An HTTP request as it travels on the wire, independent of any web framework: the method, the path and
/// query exactly as sent (still percent-encoded, the query without its '?'), every header line in order
/// (a header sent twice appears twice) and the body bytes. The SigV4 verifier and the server-side protocol
/// readers take this, so the local region can hand over what Kestrel received without Fargo.Aws knowing ASP.NET.
/// </summary>
public sealed record AwsWireRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The first value of a header (names compare case-insensitively), or null.</summary>
    public string? GetHeader(string name) => AwsHeaders.Get(Headers, name);
}

/// <summary>An HTTP response to put on the wire: status, headers in order and body.</summary>
public sealed record AwsWireResponse(
    int StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body)
{
    public string? GetHeader(string name) => AwsHeaders.Get(Headers, name);
}

/// <summary>Case-insensitive header lookup over an ordered header list.</summary>
public static class AwsHeaders
{
    public static string? Get(IEnumerable<KeyValuePair<string, string>> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
