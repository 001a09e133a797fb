using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Fargo.Aws;
using Fargo.Aws.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.S3;

/// <summary>
/// S3's REST-XML API on the local region's endpoint: a request is S3's when it is signed for the "s3" service
/// (Authorization header or presigned query) or addressed to a bucket's virtual host. Every request is SigV4-verified
/// with S3's rules (the path not normalized, the payload hash from X-Amz-Content-Sha256: a hex hash checked against
/// the body, UNSIGNED-PAYLOAD, or an aws-chunked stream whose chunk signatures and trailer are checked as they
/// arrive); presigned URLs hold until X-Amz-Expires. Bodies stream to disk, never whole into memory.
/// </summary>
internal sealed partial class S3Api(S3Store store, SigV4Verifier verifier, ILogger logger, Func<string?, Iam.ApiCall, Iam.AccessDenial?> authorize)
{
    public const string SigningName = "s3";
    public const string XmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private const int MaxXmlBody = 4 * 1024 * 1024;

    private static readonly XNamespace Ns = XmlNamespace;

    /// <summary>The owner every bucket and object has: the local account, with a canonical id derived from it.</summary>
    public static readonly string OwnerId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LocalRegionConstants.Account)));

    /// <summary>Whether a request is for S3: signed for it (header or query), or addressed to a bucket's virtual host.</summary>
    public static bool Handles(AwsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (S3Addressing.BucketOfHost(request.GetHeader("Host")) is not null)
        {
            return true;
        }

        var authorization = request.GetHeader("Authorization") ?? "";
        if (authorization.Contains("/" + SigningName + "/aws4_request", StringComparison.Ordinal))
        {
            return true;
        }

        var query = request.RawQuery;
        if (authorization.Length == 0 && request.Method != "POST" && !query.Contains("Action=", StringComparison.Ordinal) && !query.Contains("X-Amz-Credential=", StringComparison.Ordinal))
        {
            // An anonymous GET, PUT, HEAD or DELETE (a browser, curl): no other service's protocol looks like that.
            return true;
        }

        return query.Contains("X-Amz-Credential=", StringComparison.Ordinal)
            && (query.Contains("%2F" + SigningName + "%2Faws4_request", StringComparison.OrdinalIgnoreCase) || query.Contains("/" + SigningName + "/aws4_request", StringComparison.Ordinal));
    }

    public async Task HandleAsync(HttpContext context, AwsWireRequest wire)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(wire);
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        S3Response response;
        try
        {
            var request = Authenticate(context, wire, requestId);
            Authorize(request);
            response = await RouteAsync(request).ConfigureAwait(false);
        }
        catch (S3Exception e)
        {
            response = S3Response.ForError(e, wire.Method);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnexpected(logger, e);
            response = S3Response.ForError(new S3Exception("InternalError", "The local region failed to process the request: " + e.Message, 500), wire.Method);
        }

        await response.WriteAsync(context, requestId).ConfigureAwait(false);
    }

    /// <summary>A request signed with a role session's credentials needs the role's (and the bucket policy's) permission.</summary>
    private void Authorize(S3Request request)
    {
        var subresource = request.Query.Keys.FirstOrDefault(k => !Arguments.Contains(k) && !k.StartsWith("X-Amz-", StringComparison.Ordinal));
        var call = Iam.S3Actions.Of(request.Method, subresource, request.Address.Bucket, request.Address.Key, request.Query);
        var signer = Iam.S3Actions.SignerKeyId(request.Wire.GetHeader("Authorization"), request.Query.GetValueOrDefault("X-Amz-Credential"));
        if (authorize(signer, call) is { } denial)
        {
            throw new S3Exception("AccessDenied", denial.Message, 403);
        }
    }

    private S3Request Authenticate(HttpContext context, AwsWireRequest wire, string requestId)
    {
        var query = ParseQuery(wire.RawQuery);
        var address = S3Addressing.Resolve(wire.GetHeader("Host"), wire.RawPath);
        SigV4VerificationResult verdict;
        string payloadHash;
        var presigned = query.ContainsKey("X-Amz-Credential") || query.ContainsKey("X-Amz-Signature");
        if (presigned)
        {
            payloadHash = UnsignedPayload;
            verdict = verifier.VerifyPresigned(wire, LocalRegionConstants.Region, SigningName, normalizePath: false, payloadHash);
        }
        else
        {
            if (wire.GetHeader("Authorization") is null)
            {
                throw new S3Exception("AccessDenied", "Access Denied", 403);
            }

            payloadHash = wire.GetHeader("x-amz-content-sha256")
                ?? throw S3Exception.InvalidRequest("Missing required header for this request: x-amz-content-sha256");
            if (payloadHash is not (UnsignedPayload or StreamingSigned or StreamingSignedTrailer or StreamingUnsignedTrailer)
                && (payloadHash.Length != 64 || !payloadHash.All(char.IsAsciiHexDigit)))
            {
                throw new S3Exception("InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.", 400,
                    ("ArgumentName", "x-amz-content-sha256"), ("ArgumentValue", payloadHash));
            }

            verdict = verifier.Verify(wire, LocalRegionConstants.Region, SigningName, normalizePath: false, payloadHash);
        }

        if (!verdict.IsValid)
        {
            throw AuthenticationError(verdict.Failure!, presigned);
        }

        return new S3Request(context, wire, requestId, address, query, verdict.Chunks, payloadHash);
    }

    /// <summary>S3's own answers to a failed signature, which are neither the JSON nor the Query services' codes.</summary>
    private static S3Exception AuthenticationError(SigV4Failure failure, bool presigned) => failure.Kind switch
    {
        SigV4FailureKind.MissingAuthentication => new("AccessDenied", "Access Denied", 403),
        SigV4FailureKind.Expired => new("AccessDenied", "Request has expired", 403),
        SigV4FailureKind.UnknownAccessKey => new("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
        SigV4FailureKind.InvalidSecurityToken => new("InvalidToken", "The provided token is malformed or otherwise invalid.", 400),
        SigV4FailureKind.SignatureMismatch => S3Exception.SignatureDoesNotMatch(),
        SigV4FailureKind.RequestTimeTooSkewed => new("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403),
        _ when presigned => new("AuthorizationQueryParametersError", failure.Message, 400),
        _ => new("AuthorizationHeaderMalformed", failure.Message, 400),
    };

    /// <summary>The request body, decoded from aws-chunked where it was sent so, with the trailers it carried.</summary>
    private static Stream OpenBody(S3Request request)
    {
        var body = request.Http.Request.Body;
        return request.PayloadHash switch
        {
            StreamingSigned => new AwsChunkedStream(body, request.Chain, signedTrailer: false),
            StreamingSignedTrailer => new AwsChunkedStream(body, request.Chain, signedTrailer: true),
            StreamingUnsignedTrailer => new AwsChunkedStream(body, null, signedTrailer: false),
            _ when IsAwsChunked(request) => new AwsChunkedStream(body, null, signedTrailer: false),
            _ => body,
        };
    }

    private static bool IsAwsChunked(S3Request request) =>
        (request.Wire.GetHeader("Content-Encoding") ?? "").Split(',').Any(e => e.Trim().Equals("aws-chunked", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Streams the body to a staging file and checks it against everything the client said of it: the signed
    /// SHA-256, Content-MD5, and the x-amz-checksum-* header or trailer. On any mismatch the staged file goes.
    /// </summary>
    private async Task<StagedBlob> StageBodyAsync(S3Request request, string? uploadChecksumAlgorithm = null)
    {
        var declared = DeclaredChecksum(request) ?? uploadChecksumAlgorithm;
        await using var body = OpenBody(request);
        var staged = await store.StageAsync(body, declared, request.Http.RequestAborted).ConfigureAwait(false);
        try
        {
            CheckBody(request, body as AwsChunkedStream, staged.Sha256, staged.Md5, declared, staged.ChecksumValue);
            return staged;
        }
        catch
        {
            S3Store.Discard(staged);
            throw;
        }
    }

    /// <summary>A small body (an XML document) read into memory and checked as <see cref="StageBodyAsync"/> checks uploads.</summary>
    private static async Task<byte[]> ReadSmallBodyAsync(S3Request request)
    {
        await using var body = OpenBody(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(chunk, request.Http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxXmlBody)
            {
                throw new S3Exception("MaxMessageLengthExceeded", "Your request was too big.", 400);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var declared = DeclaredChecksum(request);
        CheckBody(request, body as AwsChunkedStream, SHA256.HashData(bytes), S3Checksums.Md5(bytes), declared, declared is null ? null : S3Checksums.Of(declared, bytes));
        return bytes;
    }

    /// <summary>The checksum algorithm the client declared, by header, trailer or x-amz-sdk-checksum-algorithm.</summary>
    private static string? DeclaredChecksum(S3Request request)
    {
        foreach (var algorithm in S3Checksums.Algorithms)
        {
            if (request.Wire.GetHeader(S3Checksums.HeaderOf(algorithm)) is not null)
            {
                return algorithm;
            }
        }

        if (request.Wire.GetHeader("x-amz-trailer") is { } trailer && S3Checksums.AlgorithmOfHeader(trailer) is { } trailed)
        {
            return trailed;
        }

        return S3Checksums.Normalize(request.Wire.GetHeader("x-amz-sdk-checksum-algorithm"));
    }

    private static void CheckBody(S3Request request, AwsChunkedStream? chunked, byte[] sha256, byte[] md5, string? algorithm, string? computed)
    {
        if (request.PayloadHash.Length == 64 && !string.Equals(Convert.ToHexStringLower(sha256), request.PayloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new S3Exception("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400,
                ("ClientComputedContentSHA256", request.PayloadHash), ("S3ComputedContentSHA256", Convert.ToHexStringLower(sha256)));
        }

        if (request.Wire.GetHeader("Content-MD5") is { } contentMd5)
        {
            byte[] given;
            try
            {
                given = Convert.FromBase64String(contentMd5);
            }
            catch (FormatException)
            {
                throw new S3Exception("InvalidDigest", "The Content-MD5 you specified was invalid.", 400, ("Content-MD5", contentMd5));
            }

            if (!given.AsSpan().SequenceEqual(md5))
            {
                throw new S3Exception("BadDigest", "The Content-MD5 you specified did not match what we received.", 400,
                    ("ExpectedDigest", contentMd5), ("CalculatedDigest", Convert.ToBase64String(md5)));
            }
        }

        if (algorithm is null)
        {
            return;
        }

        var header = S3Checksums.HeaderOf(algorithm);
        var expected = request.Wire.GetHeader(header)
            ?? chunked?.Trailers.FirstOrDefault(t => t.Key.Equals(header, StringComparison.OrdinalIgnoreCase)).Value;
        if (expected is null && request.Wire.GetHeader("x-amz-trailer") is not null)
        {
            throw S3Exception.InvalidRequest($"The request declares the trailer {header} but did not send it.");
        }

        if (expected is not null && expected != computed)
        {
            throw new S3Exception("BadDigest", $"The {algorithm} you specified did not match the calculated checksum.", 400);
        }
    }

    private static Dictionary<string, string> ParseQuery(string rawQuery)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            result[Uri.UnescapeDataString(equals < 0 ? part : part[..equals])] = Uri.UnescapeDataString(equals < 0 ? "" : part[(equals + 1)..]);
        }

        return result;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static XElement Owner() => new(Ns + "Owner", new XElement(Ns + "ID", OwnerId), new XElement(Ns + "DisplayName", "local"));

    [LoggerMessage(Level = LogLevel.Error, Message = "S3 request failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    /// <summary>One authenticated S3 request.</summary>
    private sealed record S3Request(
        HttpContext Http,
        AwsWireRequest Wire,
        string RequestId,
        S3Address Address,
        Dictionary<string, string> Query,
        SigV4ChunkChain? Chain,
        string PayloadHash)
    {
        public string Method => Wire.Method.ToUpperInvariant();

        public string? Header(string name) => Wire.GetHeader(name);

        public string? Param(string name) => Query.GetValueOrDefault(name);

        public string Bucket => Address.Bucket ?? throw S3Exception.InvalidRequest("The request names no bucket.");

        public string Key => Address.Key ?? throw S3Exception.InvalidRequest("The request names no key.");
    }
}
