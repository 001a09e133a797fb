using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fargo.Aws.Credentials;

namespace Fargo.Aws.Signing;

/// <summary>Why a request's signature was not accepted.</summary>
public enum SigV4FailureKind
{
    /// <summary>No Authorization header at all.</summary>
    MissingAuthentication,

    /// <summary>An Authorization header that is not a complete SigV4 header, or no date.</summary>
    IncompleteSignature,

    /// <summary>The access key id is not known.</summary>
    UnknownAccessKey,

    /// <summary>The X-Amz-Security-Token does not belong to the access key (or is missing or superfluous).</summary>
    InvalidSecurityToken,

    /// <summary>The signature does not match: a different secret, or the method, path, query, a signed header or the body changed.</summary>
    SignatureMismatch,

    /// <summary>The request's date is more than five minutes from the server's clock.</summary>
    RequestTimeTooSkewed,

    /// <summary>The credential scope names another region or service.</summary>
    WrongScope,

    /// <summary>A presigned URL used after its X-Amz-Date plus X-Amz-Expires.</summary>
    Expired,
}

/// <summary>A rejected signature: why, and AWS's message for it.</summary>
public sealed record SigV4Failure(SigV4FailureKind Kind, string Message)
{
    /// <summary>
    /// The error AWS answers with, which differs by protocol: JSON services use Coral's exception names
    /// (MissingAuthenticationTokenException, IncompleteSignatureException, UnrecognizedClientException,
    /// InvalidSignatureException — all HTTP 400); Query services use MissingAuthenticationToken (403),
    /// IncompleteSignature (400), InvalidClientTokenId (403) and SignatureDoesNotMatch (403).
    /// A skewed clock is a signature error in both ("Signature expired: …").
    /// </summary>
    public AwsServerError ToError(AwsProtocol protocol) => (protocol, Kind) switch
    {
        (AwsProtocol.Json11, SigV4FailureKind.MissingAuthentication) => new("MissingAuthenticationTokenException", Message, 400),
        (AwsProtocol.Json11, SigV4FailureKind.IncompleteSignature) => new("IncompleteSignatureException", Message, 400),
        (AwsProtocol.Json11, SigV4FailureKind.UnknownAccessKey or SigV4FailureKind.InvalidSecurityToken) =>
            new("UnrecognizedClientException", Message, 400),
        (AwsProtocol.Json11, _) => new("InvalidSignatureException", Message, 400),
        (AwsProtocol.Query, SigV4FailureKind.MissingAuthentication) => new("MissingAuthenticationToken", Message, 403),
        (AwsProtocol.Query, SigV4FailureKind.IncompleteSignature) => new("IncompleteSignature", Message, 400),
        (AwsProtocol.Query, SigV4FailureKind.UnknownAccessKey or SigV4FailureKind.InvalidSecurityToken) =>
            new("InvalidClientTokenId", Message, 403),
        (AwsProtocol.Query, _) => new("SignatureDoesNotMatch", Message, 403),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };
}

/// <summary>The verdict on one request. On success, <see cref="AccessKeyId"/> says who signed it.</summary>
public sealed record SigV4VerificationResult(string? AccessKeyId, SigV4Failure? Failure)
{
    public bool IsValid => Failure is null;

    /// <summary>The canonical request the server computed, when it got that far (for diagnostics; holds no secret).</summary>
    public string? CanonicalRequest { get; init; }

    /// <summary>The string to sign the server computed, when it got that far.</summary>
    public string? StringToSign { get; init; }

    /// <summary>On success, the chain that the chunks of a streaming (aws-chunked) body must continue.</summary>
    public SigV4ChunkChain? Chunks { get; init; }
}

/// <summary>
/// Verifies SigV4-signed requests (Authorization header form) as AWS does: the credential scope, the key,
/// the session token, the clock, and the signature over method, path, query, signed headers and body.
/// </summary>
/// <param name="credentialLookup">Finds the credentials of an access key id; null when the key is unknown.</param>
/// <param name="timeProvider">The server's clock.</param>
public sealed class SigV4Verifier(Func<string, AwsCredentials?> credentialLookup, TimeProvider timeProvider)
{
    /// <summary>How far a request's date may be from the server's clock, either way.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public const string InvalidTokenMessage = "The security token included in the request is invalid.";

    /// <summary>Verifies <paramref name="request"/> against the scope this endpoint serves.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="region">The region this endpoint serves.</param>
    /// <param name="service">The signing name of the service addressed (e.g. "ecs", "ecr", "elasticloadbalancing").</param>
    /// <param name="normalizePath">Whether the path is normalized before encoding (true for every service but S3).</param>
    /// <param name="payloadHash">
    /// The payload hash the signature covers, when it is not the SHA-256 of <see cref="AwsWireRequest.Body"/>: S3's
    /// X-Amz-Content-Sha256 (UNSIGNED-PAYLOAD, STREAMING-…, or the hash of a body the caller streams and checks itself).
    /// </param>
    public SigV4VerificationResult Verify(AwsWireRequest request, string region, string service, bool normalizePath = true, string? payloadHash = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.GetHeader("Authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Fail(SigV4FailureKind.MissingAuthentication, "Missing Authentication Token");
        }

        var parsed = ParseAuthorization(authorization, request);
        if (parsed.Error is not null)
        {
            return Fail(SigV4FailureKind.IncompleteSignature, parsed.Error);
        }

        return Check(request, region, service, normalizePath, payloadHash, parsed, request.RawQuery, request.GetHeader("X-Amz-Security-Token"), expires: null);
    }

    /// <summary>
    /// Verifies a request signed in query form (a presigned URL): X-Amz-Algorithm, -Credential, -Date, -Expires,
    /// -SignedHeaders and -Signature in the query string. It is valid from its date until date + X-Amz-Expires
    /// (at most 7 days); after that it fails as <see cref="SigV4FailureKind.Expired"/>.
    /// </summary>
    /// <param name="payloadHash">What the signature covers for the body; S3 presigns with UNSIGNED-PAYLOAD. Null: the body's SHA-256.</param>
    public SigV4VerificationResult VerifyPresigned(AwsWireRequest request, string region, string service, bool normalizePath = true, string? payloadHash = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var signedQuery = new List<string>();
        foreach (var part in request.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            parameters[name] = Uri.UnescapeDataString(equals < 0 ? "" : part[(equals + 1)..]);
            if (name != "X-Amz-Signature")
            {
                signedQuery.Add(part);
            }
        }

        var missing = PresignedParameters.Where(name => !parameters.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            return Fail(SigV4FailureKind.IncompleteSignature,
                $"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters. Missing: {string.Join(", ", missing)}.");
        }

        if (parameters["X-Amz-Algorithm"] != SigV4Canonicalizer.Algorithm)
        {
            return Fail(SigV4FailureKind.IncompleteSignature, $"X-Amz-Algorithm only supports \"{SigV4Canonicalizer.Algorithm}\"");
        }

        if (!long.TryParse(parameters["X-Amz-Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxPresignedExpiry)
        {
            return Fail(SigV4FailureKind.IncompleteSignature,
                $"X-Amz-Expires must be a whole number of seconds less than a week (in seconds) that is {MaxPresignedExpiry}; got '{parameters["X-Amz-Expires"]}'.");
        }

        var amzDate = parameters["X-Amz-Date"];
        if (!DateTimeOffset.TryParseExact(amzDate, SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var requestTime))
        {
            return Fail(SigV4FailureKind.IncompleteSignature, $"X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"; got '{amzDate}'.");
        }

        var parsed = new ParsedAuthorization(parameters["X-Amz-Credential"], parameters["X-Amz-SignedHeaders"], parameters["X-Amz-Signature"], requestTime, amzDate, null);
        parameters.TryGetValue("X-Amz-Security-Token", out var token);
        var verdict = Check(request, region, service, normalizePath, payloadHash, parsed, string.Join('&', signedQuery), token, TimeSpan.FromSeconds(seconds));
        if (verdict.Failure?.Kind == SigV4FailureKind.SignatureMismatch && token is not null)
        {
            // A few clients add the session token after signing (the suite's post-sts-header-after): it is still
            // checked against the key, only not covered by the signature.
            var withoutToken = signedQuery.Where(p => !p.StartsWith("X-Amz-Security-Token=", StringComparison.Ordinal));
            var unsignedToken = Check(request, region, service, normalizePath, payloadHash, parsed, string.Join('&', withoutToken), token, TimeSpan.FromSeconds(seconds));
            if (unsignedToken.IsValid)
            {
                return unsignedToken;
            }
        }

        return verdict;
    }

    private static readonly string[] PresignedParameters =
        ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"];

    /// <summary>The longest a presigned URL may be valid: 7 days.</summary>
    public const long MaxPresignedExpiry = 604800;

    private SigV4VerificationResult Check(
        AwsWireRequest request, string region, string service, bool normalizePath, string? payloadHash,
        ParsedAuthorization parsed, string signedQuery, string? token, TimeSpan? expires)
    {
        var (credential, signedHeaderList, signature, requestTime, amzDate) =
            (parsed.Credential!, parsed.SignedHeaders!, parsed.Signature!, parsed.RequestTime, parsed.AmzDate!);

        var scopeParts = credential.Split('/');
        if (scopeParts.Length != 5)
        {
            return Fail(SigV4FailureKind.IncompleteSignature,
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
        }
        var (accessKeyId, scopeDate, scopeRegion, scopeService, terminator) =
            (scopeParts[0], scopeParts[1], scopeParts[2], scopeParts[3], scopeParts[4]);
        if (terminator != SigV4Canonicalizer.Terminator)
        {
            return Fail(SigV4FailureKind.WrongScope,
                $"Credential should be scoped with a valid terminator: '{SigV4Canonicalizer.Terminator}', not '{terminator}'. ");
        }
        if (!string.Equals(scopeRegion, region, StringComparison.Ordinal))
        {
            return Fail(SigV4FailureKind.WrongScope, $"Credential should be scoped to a valid region, not '{scopeRegion}'. ");
        }
        if (!string.Equals(scopeService, service, StringComparison.Ordinal))
        {
            return Fail(SigV4FailureKind.WrongScope, $"Credential should be scoped to correct service: '{service}'. ");
        }

        var credentials = credentialLookup(accessKeyId);
        if (credentials is null)
        {
            return Fail(SigV4FailureKind.UnknownAccessKey, InvalidTokenMessage);
        }
        if (!FixedTimeEquals(token ?? "", credentials.SessionToken ?? ""))
        {
            return Fail(SigV4FailureKind.InvalidSecurityToken, InvalidTokenMessage);
        }

        var now = timeProvider.GetUtcNow();
        if (expires is { } validFor)
        {
            if (now > requestTime + validFor)
            {
                return Fail(SigV4FailureKind.Expired, "Request has expired");
            }
        }
        else if (requestTime < now - AllowedClockSkew)
        {
            return Fail(SigV4FailureKind.RequestTimeTooSkewed,
                $"Signature expired: {amzDate} is now earlier than {Format(now - AllowedClockSkew)} ({Format(now)} - 5 min.)");
        }
        if (requestTime > now + AllowedClockSkew)
        {
            return Fail(SigV4FailureKind.RequestTimeTooSkewed,
                $"Signature not yet current: {amzDate} is still later than {Format(now + AllowedClockSkew)} ({Format(now)} + 5 min.)");
        }
        if (scopeDate != amzDate[..8])
        {
            return Fail(SigV4FailureKind.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
        var signedNames = signedHeaderList.Split(';').Select(n => n.ToLowerInvariant()).ToList();
        if (!signedNames.Contains("host"))
        {
            return Fail(SigV4FailureKind.SignatureMismatch, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var (canonicalHeaders, canonicalSignedHeaders) = SigV4Canonicalizer.CanonicalHeaders(request.Headers, signedNames);
        var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(
            request.Method.ToUpperInvariant(),
            SigV4Canonicalizer.CanonicalUri(request.RawPath, normalizePath),
            SigV4Canonicalizer.CanonicalQuery(signedQuery),
            canonicalHeaders,
            canonicalSignedHeaders,
            payloadHash ?? SigV4Canonicalizer.HexSha256(request.Body.Span));
        var scope = SigV4Canonicalizer.Scope(scopeDate, scopeRegion, scopeService);
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, scope, canonicalRequest);
        var signingKey = SigV4Canonicalizer.SigningKey(credentials.SecretAccessKey, scopeDate, scopeRegion, scopeService);
        var expected = SigV4Canonicalizer.Signature(signingKey, stringToSign);
        var matches = canonicalSignedHeaders == signedHeaderList && FixedTimeEquals(expected, signature);
        return matches
            ? new SigV4VerificationResult(accessKeyId, null)
            {
                CanonicalRequest = canonicalRequest,
                StringToSign = stringToSign,
                Chunks = new SigV4ChunkChain(signingKey, amzDate, scope, expected),
            }
            : new SigV4VerificationResult(null, new SigV4Failure(SigV4FailureKind.SignatureMismatch, SignatureMismatchMessage))
            {
                CanonicalRequest = canonicalRequest,
                StringToSign = stringToSign,
            };
    }

    private static SigV4VerificationResult Fail(SigV4FailureKind kind, string message) => new(null, new SigV4Failure(kind, message));

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private sealed record ParsedAuthorization(
        string? Credential, string? SignedHeaders, string? Signature, DateTimeOffset RequestTime, string? AmzDate, string? Error);

    /// <summary>Reads "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" and the request date, with AWS's messages for what is missing.</summary>
    private static ParsedAuthorization ParseAuthorization(string authorization, AwsWireRequest request)
    {
        static ParsedAuthorization Error(string message) => new(null, null, null, default, null, message);

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? authorization : authorization[..space];
        if (algorithm != SigV4Canonicalizer.Algorithm)
        {
            return Error($"Unsupported AWS 'algorithm': '{algorithm}'. Authorization={authorization}");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                return Error($"'{part}' not a valid key=value pair (missing equal-sign) in Authorization header: '{authorization}'.");
            }
            fields[part[..equals]] = part[(equals + 1)..];
        }

        var missing = new StringBuilder();
        foreach (var required in new[] { "Credential", "Signature", "SignedHeaders" })
        {
            if (!fields.TryGetValue(required, out var value) || value.Length == 0)
            {
                missing.Append("Authorization header requires '").Append(required).Append("' parameter. ");
            }
        }

        string? amzDate = null;
        var requestTime = default(DateTimeOffset);
        var amzDateHeader = request.GetHeader("X-Amz-Date");
        var dateHeader = request.GetHeader("Date");
        if (amzDateHeader is not null)
        {
            if (!DateTimeOffset.TryParseExact(amzDateHeader, SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out requestTime))
            {
                return Error($"Date must be in ISO-8601 'basic format'. Got '{amzDateHeader}'. See http://en.wikipedia.org/wiki/ISO_8601");
            }
            amzDate = amzDateHeader;
        }
        else if (dateHeader is not null && DateTimeOffset.TryParseExact(dateHeader, "r", CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out requestTime))
        {
            amzDate = Format(requestTime);
        }
        else
        {
            missing.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }

        if (missing.Length > 0)
        {
            return Error(missing.Append("Authorization=").Append(authorization).ToString());
        }
        return new ParsedAuthorization(fields["Credential"], fields["SignedHeaders"], fields["Signature"], requestTime, amzDate, null);
    }
}
