namespace Fargo.Local.S3;

/// <summary>One page of a listing: the entries, the common prefixes (with a delimiter), and whether more follow.</summary>
internal sealed record ListingPage<T>(IReadOnlyList<T> Entries, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? LastKey);

/// <summary>
/// S3's listing rules, shared by ListObjects(V2) and ListObjectVersions: keys in UTF-8 binary order after a marker,
/// filtered by prefix; with a delimiter, the keys that contain it after the prefix roll up into one common prefix
/// each, which counts once against max-keys. A marker that is a common prefix skips everything under it.
/// </summary>
internal static class S3Listing
{
    public static ListingPage<T> Page<T>(IEnumerable<T> entries, Func<T, string> keyOf, string prefix, string? delimiter, string? after, int maxKeys, Func<T, bool>? startsAfterMarker = null)
    {
        var result = new List<T>();
        var prefixes = new List<string>();
        string? last = null;
        var count = 0;
        foreach (var entry in entries)
        {
            var key = keyOf(entry);
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (after is not null)
            {
                var order = string.CompareOrdinal(key, after);
                if (order < 0 || (order == 0 && startsAfterMarker?.Invoke(entry) != true))
                {
                    continue;
                }

                if (after.EndsWith(delimiter ?? "\0", StringComparison.Ordinal) && delimiter is { Length: > 0 } && key.StartsWith(after, StringComparison.Ordinal) && key != after)
                {
                    continue;
                }
            }

            string? commonPrefix = null;
            if (delimiter is { Length: > 0 })
            {
                var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    commonPrefix = key[..(at + delimiter.Length)];
                }
            }

            if (commonPrefix is not null && prefixes.Count > 0 && prefixes[^1] == commonPrefix)
            {
                continue;
            }

            if (count == maxKeys)
            {
                return new ListingPage<T>(result, prefixes, true, last);
            }

            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
                last = commonPrefix;
            }
            else
            {
                result.Add(entry);
                last = key;
            }

            count++;
        }

        return new ListingPage<T>(result, prefixes, false, last);
    }
}
