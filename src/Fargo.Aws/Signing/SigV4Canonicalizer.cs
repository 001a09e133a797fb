using System.Security.Cryptography;
using System.Text;

namespace Fargo.Aws.Signing;

/// <summary>
/// The pieces of a SigV4 canonical request, shared by the signer and the verifier so both compute
/// exactly the same thing (AWS's "Create a canonical request" rules).
/// </summary>
internal static class SigV4Canonicalizer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// The canonical URI: the path as sent, optionally with dot segments removed and repeated slashes collapsed,
    /// then every byte outside the unreserved set percent-encoded. A path that was already percent-encoded on the
    /// wire is therefore encoded a second time, which is what AWS and its SDKs do for every service but S3.
    /// </summary>
    public static string CanonicalUri(string rawPath, bool normalize)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (normalize)
        {
            path = NormalizePath(path);
        }
        return UriEncode(path, encodeSlash: false);
    }

    /// <summary>
    /// The canonical query string: parameters decoded, re-encoded with the SigV4 rules, sorted by name then value.
    /// A '+' is taken literally (AWS clients encode spaces as %20).
    /// </summary>
    public static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return "";
        }
        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name), true), UriEncode(Uri.UnescapeDataString(value), true)));
        }
        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(static p => p.Name + "=" + p.Value));
    }

    /// <summary>
    /// The canonical headers block and the signed-headers list for the headers named in <paramref name="signedHeaderNames"/>
    /// (lower case). Values of a header sent more than once are joined with ',' in the order they were sent, and so are
    /// the lines of a value folded over several lines (obsolete HTTP/1.1 line folding): AWS's suite signs
    /// "value1\n  value2" as "value1,value2" (case get-header-value-multiline).
    /// </summary>
    public static (string CanonicalHeaders, string SignedHeaders) CanonicalHeaders(
        IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyCollection<string> signedHeaderNames)
    {
        var values = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in signedHeaderNames)
        {
            values[name] = [];
        }
        foreach (var (name, value) in headers)
        {
            if (values.TryGetValue(name.ToLowerInvariant(), out var list))
            {
                foreach (var line in value.Split('\n'))
                {
                    list.Add(TrimAll(line));
                }
            }
        }
        var block = new StringBuilder();
        foreach (var (name, list) in values)
        {
            block.Append(name).Append(':').Append(string.Join(',', list)).Append('\n');
        }
        return (block.ToString(), string.Join(';', values.Keys));
    }

    public static string CanonicalRequest(
        string method, string canonicalUri, string canonicalQuery, string canonicalHeaders, string signedHeaders, string payloadHash) =>
        string.Join('\n', method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash);

    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/{Terminator}";

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        string.Join('\n', Algorithm, amzDate, scope, HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

    public static string Signature(string secretAccessKey, string date, string region, string service, string stringToSign) =>
        Signature(SigningKey(secretAccessKey, date, region, service), stringToSign);

    /// <summary>The key derived for one day, region and service; it signs the request and, in streaming uploads, every chunk.</summary>
    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>SigV4's URI encoding: unreserved characters (A-Z a-z 0-9 - _ . ~) stay, every other UTF-8 byte becomes %XX.</summary>
    public static string UriEncode(string value, bool encodeSlash)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~'
                || (c == '/' && !encodeSlash))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }
        return builder.ToString();
    }

    /// <summary>RFC 3986 dot-segment removal, plus collapsing empty segments; a trailing slash is kept.</summary>
    private static string NormalizePath(string path)
    {
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
                continue;
            }
            output.Add(segment);
        }
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        var trailingSlash = output.Count > 0 && (path.EndsWith('/') || lastSegment is "." or "..");
        return "/" + string.Join('/', output) + (trailingSlash ? "/" : "");
    }

    /// <summary>Trims a header value and collapses each run of spaces into one.</summary>
    private static string TrimAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            var isSpace = c is ' ' or '\t';
            if (isSpace && previousSpace)
            {
                continue;
            }
            builder.Append(isSpace ? ' ' : c);
            previousSpace = isSpace;
        }
        return builder.ToString();
    }
}
