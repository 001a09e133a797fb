using System.Globalization;

namespace Fargo.Local.S3;

/// <summary>
/// Reads one object as S3's GetObject and HeadObject answer it. S3's API uses it for its callers, and a CloudFront
/// distribution for its origin fetches, so that both answer the same headers, ranges and conditions.
/// </summary>
internal sealed class S3ObjectReader(S3Store store)
{
    /// <summary>
    /// GetObject's (or HeadObject's) answer for the object <paramref name="key"/>: its headers, the Range asked for,
    /// the conditional headers, the response-* overrides; S3Exception (NoSuchBucket, NoSuchKey, InvalidRange,
    /// PreconditionFailed) when S3 refuses.
    /// </summary>
    public S3Response Read(string bucketName, string key, string? versionId, Func<string, string?> header, Func<string, string?> param, bool head)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(param);
        var bucket = store.GetBucket(bucketName);
        var version = store.GetObject(bucketName, key, versionId);
        if (Precondition(header, version) is { } notModified)
        {
            return notModified;
        }

        var headers = new List<KeyValuePair<string, string>>
        {
            new("ETag", version.ETag),
            new("Last-Modified", Http(version.LastModified)),
            new("Accept-Ranges", "bytes"),
            new("Content-Type", param("response-content-type") ?? version.ContentType ?? "binary/octet-stream"),
        };
        S3Api.AddVersionHeader(headers, bucket, version);
        foreach (var name in S3Api.StoredHeaders)
        {
            var overridden = param("response-" + name.ToLowerInvariant());
            if ((overridden ?? version.Headers.GetValueOrDefault(name)) is { } value)
            {
                headers.Add(new(name, value));
            }
        }

        foreach (var (name, value) in version.Metadata)
        {
            headers.Add(new("x-amz-meta-" + name, value));
        }

        var range = header("Range");
        var (start, length) = (0L, version.Size);
        if (range is not null && ParseRange(range, version.Size) is { } satisfiable)
        {
            (start, length) = satisfiable;
            headers.Add(new("Content-Range", $"bytes {start}-{start + length - 1}/{version.Size}"));
        }
        else if (string.Equals(header("x-amz-checksum-mode"), "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            S3Api.AddChecksumHeaders(headers, version);
        }

        var status = range is not null && length != version.Size || headers.Any(h => h.Key == "Content-Range") ? 206 : 200;
        if (head)
        {
            return new S3Response(status, headers, Length: length);
        }

        return new S3Response(status, headers, Body: async (output, cancellationToken) =>
        {
            await using var file = store.OpenRead(version);
            file.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[81920];
            var left = length;
            while (left > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }, Length: length);
    }

    /// <summary>If-Match / If-Unmodified-Since fail with 412; If-None-Match / If-Modified-Since answer 304, as S3 evaluates them.</summary>
    private static S3Response? Precondition(Func<string, string?> header, ObjectVersionRecord version)
    {
        if (header("If-Match") is { } match && !EtagMatches(match, version.ETag))
        {
            throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, ("Condition", "If-Match"));
        }

        if (header("If-Match") is null && ParseDate(header("If-Unmodified-Since")) is { } unmodified && version.LastModified > unmodified.AddSeconds(1))
        {
            throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, ("Condition", "If-Unmodified-Since"));
        }

        var notModified = header("If-None-Match") is { } noneMatch
            ? EtagMatches(noneMatch, version.ETag)
            : ParseDate(header("If-Modified-Since")) is { } since && version.LastModified < since.AddSeconds(1);
        return notModified ? new S3Response(304, [new("ETag", version.ETag), new("Last-Modified", Http(version.LastModified))]) : null;
    }

    private static bool EtagMatches(string condition, string etag) =>
        condition.Split(',').Select(e => e.Trim()).Any(e => e == "*" || e.Trim('"') == etag.Trim('"'));

    private static DateTimeOffset? ParseDate(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>A single byte range (bytes=a-b, bytes=a-, bytes=-n) within the object; unsatisfiable ones are InvalidRange (416). Others S3 ignores.</summary>
    internal static (long Start, long Length)? ParseRange(string range, long size)
    {
        if (!range.StartsWith("bytes=", StringComparison.Ordinal) || range.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = range["bytes=".Length..].Split('-', 2);
        if (spec.Length != 2)
        {
            return null;
        }

        var hasFirst = long.TryParse(spec[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first);
        var hasLast = long.TryParse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last);
        if ((!hasFirst && spec[0].Length > 0) || (!hasLast && spec[1].Length > 0) || (!hasFirst && !hasLast))
        {
            return null;
        }

        if (!hasFirst)
        {
            return last == 0 ? throw InvalidRange(range, size) : (Math.Max(0, size - last), Math.Min(last, size));
        }

        if (first >= size || (hasLast && last < first))
        {
            return hasLast && last < first ? null : throw InvalidRange(range, size);
        }

        var end = hasLast ? Math.Min(last, size - 1) : size - 1;
        return (first, end - first + 1);
    }

    private static S3Exception InvalidRange(string range, long size) =>
        new("InvalidRange", "The requested range is not satisfiable", 416, ("RangeRequested", range), ("ActualObjectSize", size.ToString(CultureInfo.InvariantCulture)));

    private static string Http(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
