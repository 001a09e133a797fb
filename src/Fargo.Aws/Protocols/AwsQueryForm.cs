using Fargo.Aws.Signing;

namespace Fargo.Aws.Protocols;

/// <summary>
/// application/x-www-form-urlencoded as the AWS SDKs write it for the Query protocol: every byte outside
/// A-Z a-z 0-9 - _ . ~ percent-encoded (a space is %20, never '+'), pairs joined with '&amp;' in the given order.
/// </summary>
public static class AwsQueryForm
{
    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters.Select(p => Escape(p.Key) + "=" + Escape(p.Value)));
    }

    /// <summary>Percent-encodes one name or value.</summary>
    public static string Escape(string value) => SigV4Canonicalizer.UriEncode(value, encodeSlash: true);

    /// <summary>
    /// Decodes a form (or query string) into its pairs, in order. Follows the form rules any client may use:
    /// '+' is a space, %XX is a UTF-8 byte, a name without '=' has an empty value.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Decode(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in form.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Unescape(name), Unescape(value)));
        }
        return pairs;
    }

    // Percent-escapes decode as UTF-8; a malformed escape is kept as written.
    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
