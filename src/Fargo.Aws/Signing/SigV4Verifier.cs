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
    public SigV4VerificationResult Verify(AwsWireRequest request, string region, string service, bool normalizePath = true)
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
        var token = request.GetHeader("X-Amz-Security-Token");
        if (!FixedTimeEquals(token ?? "", credentials.SessionToken ?? ""))
        {
            return Fail(SigV4FailureKind.InvalidSecurityToken, InvalidTokenMessage);
        }

        var now = timeProvider.GetUtcNow();
        if (requestTime < now - AllowedClockSkew)
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
            SigV4Canonicalizer.CanonicalQuery(request.RawQuery),
            canonicalHeaders,
            canonicalSignedHeaders,
            SigV4Canonicalizer.HexSha256(request.Body.Span));
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, SigV4Canonicalizer.Scope(scopeDate, scopeRegion, scopeService), canonicalRequest);
        var expected = SigV4Canonicalizer.Signature(credentials.SecretAccessKey, scopeDate, scopeRegion, scopeService, stringToSign);
        var matches = canonicalSignedHeaders == signedHeaderList && FixedTimeEquals(expected, signature);
        return matches
            ? new SigV4VerificationResult(accessKeyId, null) { CanonicalRequest = canonicalRequest, StringToSign = stringToSign }
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
