using System.Globalization;
using Fargo.Aws.Credentials;

namespace Fargo.Aws.Signing;

/// <summary>How to sign: the credential scope and the few choices services differ on.</summary>
/// <param name="Region">The scope's region, e.g. "us-east-1".</param>
/// <param name="Service">The scope's service: the service's signing name, e.g. "ecs", "ecr", "elasticloadbalancing".</param>
public sealed record SigV4SigningOptions(string Region, string Service)
{
    /// <summary>Remove dot segments and repeated slashes from the path before encoding it (every service but S3).</summary>
    public bool NormalizePath { get; init; } = true;

    /// <summary>Add and sign an X-Amz-Content-Sha256 header holding the body's hash (S3 and a few others want it).</summary>
    public bool AddContentSha256Header { get; init; }

    /// <summary>
    /// Sign the X-Amz-Security-Token header of session credentials. When false it is added after signing,
    /// unsigned (a few services want that); every service Fargo uses signs it.
    /// </summary>
    public bool SignSessionToken { get; init; } = true;

    /// <summary>
    /// What the signature covers for the body instead of its SHA-256: S3's UNSIGNED-PAYLOAD or STREAMING-… forms, for a
    /// body that is streamed (aws-chunked) rather than hashed up front. Sent as X-Amz-Content-Sha256 when that is added.
    /// </summary>
    public string? PayloadHash { get; init; }
}

/// <summary>The outcome of signing, with the intermediate strings AWS's test suite checks.</summary>
/// <param name="CanonicalRequest">The canonical request that was hashed.</param>
/// <param name="StringToSign">The string that was signed.</param>
/// <param name="Signature">The hex signature.</param>
/// <param name="AddedHeaders">The headers to add to the request, in order (X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token, Authorization as applicable).</param>
public sealed record SigV4SigningResult(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    IReadOnlyList<KeyValuePair<string, string>> AddedHeaders)
{
    public string Authorization => AwsHeaders.Get(AddedHeaders, "Authorization")!;
}

/// <summary>The outcome of presigning: the intermediate strings and the query string to send.</summary>
public sealed record SigV4PresigningResult(string CanonicalRequest, string StringToSign, string Signature, string Query);

/// <summary>AWS Signature Version 4: header form ("Authorization: AWS4-HMAC-SHA256 …"), and query form (presigned URLs).</summary>
public static class SigV4Signer
{
    /// <summary>Headers that proxies and HTTP stacks may add, drop or rewrite: signing them would break the signature.</summary>
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "expect", "x-amzn-trace-id", "transfer-encoding", "connection", "keep-alive",
        "proxy-authorization", "te", "upgrade",
    };

    /// <summary>
    /// Signs a request given as it will go on the wire. <paramref name="request"/> must carry a Host header.
    /// Returns the headers to add; the request itself is not changed.
    /// </summary>
    public static SigV4SigningResult Sign(AwsWireRequest request, AwsCredentials credentials, SigV4SigningOptions options, DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        if (request.GetHeader("Host") is null)
        {
            throw new ArgumentException("A request must have a Host header to be signed.", nameof(request));
        }

        var amzDate = signingTime.UtcDateTime.ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var payloadHash = options.PayloadHash ?? SigV4Canonicalizer.HexSha256(request.Body.Span);

        var added = new List<KeyValuePair<string, string>> { new("X-Amz-Date", amzDate) };
        if (options.AddContentSha256Header)
        {
            added.Add(new("X-Amz-Content-Sha256", payloadHash));
        }
        if (credentials.SessionToken is not null && options.SignSessionToken)
        {
            added.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        var headers = request.Headers.Where(h => !IsSignerOwned(h.Key)).Concat(added).ToList();
        var signedNames = headers.Select(h => h.Key.ToLowerInvariant()).Where(n => !UnsignedHeaders.Contains(n)).ToHashSet();
        var (canonicalHeaders, signedHeaders) = SigV4Canonicalizer.CanonicalHeaders(headers, signedNames);
        var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(
            request.Method.ToUpperInvariant(),
            SigV4Canonicalizer.CanonicalUri(request.RawPath, options.NormalizePath),
            SigV4Canonicalizer.CanonicalQuery(request.RawQuery),
            canonicalHeaders,
            signedHeaders,
            payloadHash);
        var scope = SigV4Canonicalizer.Scope(date, options.Region, options.Service);
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, scope, canonicalRequest);
        var signature = SigV4Canonicalizer.Signature(credentials.SecretAccessKey, date, options.Region, options.Service, stringToSign);

        if (credentials.SessionToken is not null && !options.SignSessionToken)
        {
            added.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }
        added.Add(new("Authorization",
            $"{SigV4Canonicalizer.Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return new SigV4SigningResult(canonicalRequest, stringToSign, signature, added);
    }

    /// <summary>
    /// Signs a request in query form (a presigned URL): the signature and its parameters travel in the query string
    /// instead of headers, valid for <paramref name="expires"/>. Returns the query string to send (the request's own
    /// parameters first, then X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Expires, -Security-Token, -Signature).
    /// </summary>
    public static SigV4PresigningResult Presign(
        AwsWireRequest request, AwsCredentials credentials, SigV4SigningOptions options, DateTimeOffset signingTime, TimeSpan expires)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        if (request.GetHeader("Host") is null)
        {
            throw new ArgumentException("A request must have a Host header to be signed.", nameof(request));
        }

        var amzDate = signingTime.UtcDateTime.ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var scope = SigV4Canonicalizer.Scope(date, options.Region, options.Service);
        var headers = request.Headers.Where(h => !IsSignerOwned(h.Key)).ToList();
        var signedNames = headers.Select(h => h.Key.ToLowerInvariant()).Where(n => !UnsignedHeaders.Contains(n)).ToHashSet();
        var (canonicalHeaders, signedHeaders) = SigV4Canonicalizer.CanonicalHeaders(headers, signedNames);

        static string Escape(string value) => SigV4Canonicalizer.UriEncode(value, encodeSlash: true);
        var added = new List<KeyValuePair<string, string>>
        {
            new("X-Amz-Algorithm", SigV4Canonicalizer.Algorithm),
            new("X-Amz-Credential", Escape($"{credentials.AccessKeyId}/{scope}")),
            new("X-Amz-Date", amzDate),
            new("X-Amz-SignedHeaders", Escape(signedHeaders)),
            new("X-Amz-Expires", ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        };
        if (credentials.SessionToken is not null && options.SignSessionToken)
        {
            added.Add(new("X-Amz-Security-Token", Escape(credentials.SessionToken)));
        }
        var signedQuery = string.Join('&', new[] { request.RawQuery }.Where(q => q.Length > 0).Concat(added.Select(p => $"{p.Key}={p.Value}")));

        var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(
            request.Method.ToUpperInvariant(),
            SigV4Canonicalizer.CanonicalUri(request.RawPath, options.NormalizePath),
            SigV4Canonicalizer.CanonicalQuery(signedQuery),
            canonicalHeaders,
            signedHeaders,
            SigV4Canonicalizer.HexSha256(request.Body.Span));
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, scope, canonicalRequest);
        var signature = SigV4Canonicalizer.Signature(credentials.SecretAccessKey, date, options.Region, options.Service, stringToSign);

        if (credentials.SessionToken is not null && !options.SignSessionToken)
        {
            signedQuery += "&X-Amz-Security-Token=" + Escape(credentials.SessionToken);
        }
        return new SigV4PresigningResult(canonicalRequest, stringToSign, signature, signedQuery + "&X-Amz-Signature=" + signature);
    }

    /// <summary>
    /// Signs an <see cref="HttpRequestMessage"/> in place: adds Host (from the URI) where missing, X-Amz-Date,
    /// X-Amz-Security-Token for session credentials, and Authorization. The body is read (buffered) to hash it.
    /// </summary>
    public static async Task<SigV4SigningResult> SignAsync(
        HttpRequestMessage message, AwsCredentials credentials, SigV4SigningOptions options, DateTimeOffset signingTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = message.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(message));
        message.Headers.Remove("Authorization");
        message.Headers.Remove("X-Amz-Date");
        message.Headers.Remove("X-Amz-Security-Token");
        message.Headers.Remove("X-Amz-Content-Sha256");
        message.Headers.Host ??= uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";

        var body = message.Content is null ? [] : await message.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in message.Headers)
        {
            headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }
        if (message.Content is not null)
        {
            foreach (var (name, values) in message.Content.Headers)
            {
                headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
            }
        }

        var wire = new AwsWireRequest(message.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body);
        var result = Sign(wire, credentials, options, signingTime);
        foreach (var (name, value) in result.AddedHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return result;
    }

    /// <summary>
    /// The signature chain of a streaming upload (aws-chunked, STREAMING-AWS4-HMAC-SHA256-PAYLOAD) that a request signed
    /// at <paramref name="signingTime"/> with <paramref name="seedSignature"/> starts: each chunk is signed in turn.
    /// </summary>
    public static SigV4ChunkChain ChunkChain(AwsCredentials credentials, SigV4SigningOptions options, DateTimeOffset signingTime, string seedSignature)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        var amzDate = signingTime.UtcDateTime.ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        return new SigV4ChunkChain(
            SigV4Canonicalizer.SigningKey(credentials.SecretAccessKey, date, options.Region, options.Service),
            amzDate,
            SigV4Canonicalizer.Scope(date, options.Region, options.Service),
            seedSignature);
    }

    /// <summary>Headers the signer writes itself: stale copies from an earlier signing must not be signed again.</summary>
    private static bool IsSignerOwned(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Content-Sha256", StringComparison.OrdinalIgnoreCase);
}
