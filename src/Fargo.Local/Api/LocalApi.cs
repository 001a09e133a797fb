using System.Security.Cryptography;
using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Protocols;
using Fargo.Aws.Signing;
using Fargo.Local.Artifacts;
using Fargo.Local.Ecr;
using Fargo.Local.Home;
using Fargo.Local.S3;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.Api;

/// <summary>
/// The local region's one endpoint. Every request is SigV4-verified against the local credentials, then
/// dispatched by protocol: JSON 1.1 by X-Amz-Target (ECS, ECR, SSM, CloudWatch Logs), Query by the
/// signing scope's service (STS, ELBv2, CloudFormation), REST-XML for S3 (<see cref="S3Api"/>, which streams its bodies). Fargo's own operations live under /_fargo/: an unsigned ping that
/// reveals nothing, and the signed image import. /v2/ is the local ECR's Docker Registry HTTP API, which
/// authenticates as ECR does (Basic credentials from GetAuthorizationToken).
/// </summary>
internal sealed partial class LocalApi
{
    public const string PingPath = "/_fargo/ping";
    public const string ImportPath = "/_fargo/ImportImage";

    /// <summary>The ECR actions of a push (the layer uploads, then the manifest), which an image import is authorized as.</summary>
    internal static readonly string[] ImportImageActions =
        ["BatchCheckLayerAvailability", "InitiateLayerUpload", "UploadLayerPart", "CompleteLayerUpload", "PutImage"];

    /// <summary>The signed header that carries the SHA-256 of a streamed import body (SigV4 then covers an empty payload).</summary>
    public const string ContentSha256Header = "x-fargo-content-sha256";

    private const int MaxApiBodyBytes = 16 * 1024 * 1024;

    private readonly SigV4Verifier _verifier;
    private readonly Dictionary<string, JsonOperationTable> _jsonServices;
    private readonly Dictionary<string, QueryOperationTable> _queryServices;
    private readonly ImageRegistry _registry;
    private readonly RegistryV2Api _registryV2;
    private readonly S3Api _s3;
    private readonly Sts.TaskRoleCredentials _taskCredentials;
    private readonly Iam.RequestAuthorizer _authorizer;
    private readonly Sts.LocalOidcIssuer _oidcIssuer;
    private readonly ILogger _logger;

    public LocalApi(
        LocalCredentials credentials,
        TimeProvider time,
        IEnumerable<JsonOperationTable> jsonServices,
        IEnumerable<QueryOperationTable> queryServices,
        ImageRegistry registry,
        RegistryV2Api registryV2,
        S3Store s3,
        Sts.RoleSessions sessions,
        Sts.TaskRoleCredentials taskCredentials,
        Iam.RequestAuthorizer authorizer,
        Sts.LocalOidcIssuer oidcIssuer,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(sessions);
        var known = new AwsCredentials(credentials.AccessKeyId, credentials.SecretAccessKey);
        _verifier = new SigV4Verifier(keyId => keyId == known.AccessKeyId ? known : sessions.Credentials(keyId), time);
        _taskCredentials = taskCredentials;
        _jsonServices = jsonServices.ToDictionary(s => s.Service.JsonTargetPrefix!, StringComparer.Ordinal);
        _queryServices = queryServices.ToDictionary(s => s.Service.SigningName, StringComparer.Ordinal);
        _registry = registry;
        _registryV2 = registryV2;
        _authorizer = authorizer;
        _oidcIssuer = oidcIssuer;
        _s3 = new S3Api(s3, _verifier, logger, authorizer.Authorize);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = AwsServerProtocol.NewRequestId();
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (path == PingPath)
            {
                await WriteAsync(context, new AwsWireResponse(200, [new("Content-Type", "application/json")],
                    JsonSerializer.SerializeToUtf8Bytes(new EnginePing("fargo-local", Environment.ProcessId), ApiJsonContext.Default.EnginePing))).ConfigureAwait(false);
                return;
            }

            if (path == Sts.TaskRoleCredentials.Path)
            {
                // A task's SDK asking for its role's credentials: authorized by the task's own token, not SigV4.
                var (status, answer) = _taskCredentials.Handle(context.Request.Query["task"], context.Request.Query["role"], context.Request.Headers.Authorization);
                await WriteAsync(context, new AwsWireResponse(status, [new("Content-Type", "application/json")],
                    answer is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(answer, ApiJsonContext.Default.TaskCredentialsResponse))).ConfigureAwait(false);
                return;
            }

            if (path is Sts.LocalOidcIssuer.DiscoveryPath or Sts.LocalOidcIssuer.KeysPath)
            {
                // The local OIDC issuer's public documents: unsigned, as an identity provider's are.
                var document = path == Sts.LocalOidcIssuer.KeysPath
                    ? _oidcIssuer.KeySet()
                    : Sts.LocalOidcIssuer.DiscoveryDocument(new Uri($"{context.Request.Scheme}://{context.Request.Host}"));
                await WriteAsync(context, new AwsWireResponse(200, [new("Content-Type", "application/json")], System.Text.Encoding.UTF8.GetBytes(document))).ConfigureAwait(false);
                return;
            }

            if (RegistryV2Api.Handles(path))
            {
                // The Docker Registry HTTP API of the local ECR: Basic auth with an ECR token, not SigV4.
                await _registryV2.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            if (path == ImportPath)
            {
                await WriteAsync(context, await ImportAsync(context, requestId).ConfigureAwait(false)).ConfigureAwait(false);
                return;
            }

            if (ToWire(context, ReadOnlyMemory<byte>.Empty) is var headersOnly && S3Api.Handles(headersOnly))
            {
                // S3 streams its bodies (objects of any size) rather than buffering them as the other APIs do.
                await _s3.HandleAsync(context, headersOnly).ConfigureAwait(false);
                return;
            }

            var body = await ReadBodyAsync(context.Request, MaxApiBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await WriteAsync(context, AwsJsonServerProtocol.Error(new AwsServerError("RequestEntityTooLarge", "Request body too large.", 413), requestId)).ConfigureAwait(false);
                return;
            }

            var wire = ToWire(context, body);
            await WriteAsync(context, Dispatch(wire, requestId)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private AwsWireResponse Dispatch(AwsWireRequest wire, string requestId)
    {
        if (ScopeService(wire) is { } signedFor && !Serves(signedFor))
        {
            return NotServed(wire, signedFor, requestId);
        }

        if (AwsServerProtocol.Detect(wire) == AwsProtocol.Json11)
        {
            var parsed = AwsJsonServerProtocol.ParseRequest(wire, _jsonServices.Values.Select(s => s.Service));
            var signingService = parsed.IsSuccess ? parsed.Request!.Service.SigningName : ScopeService(wire) ?? AwsServices.Ecs.SigningName;
            var verdict = _verifier.Verify(wire, LocalRegionConstants.Region, signingService);
            if (!verdict.IsValid)
            {
                return AwsJsonServerProtocol.Error(verdict.Failure!.ToError(AwsProtocol.Json11), requestId);
            }

            if (!parsed.IsSuccess)
            {
                return AwsJsonServerProtocol.Error(parsed.Error!, requestId);
            }

            if (AuthorizeJson(verdict.AccessKeyId, parsed.Request!) is { } denial)
            {
                return AwsJsonServerProtocol.Error(new AwsServerError("AccessDeniedException", denial.Message, 400), requestId);
            }

            return Guard(() => _jsonServices[parsed.Request!.Service.JsonTargetPrefix!].Handle(parsed.Request!, requestId),
                error => AwsJsonServerProtocol.Error(error, requestId));
        }

        var scope = ScopeService(wire);
        var service = scope is not null && _queryServices.TryGetValue(scope, out var known) ? known : _queryServices[AwsServices.Sts.SigningName];
        var query = AwsQueryServerProtocol.ParseRequest(wire);
        // AssumeRoleWithWebIdentity is called without credentials (the SDKs and the CLI send it unsigned): the token is the proof.
        var unsignedWebIdentity = scope is null && wire.GetHeader("Authorization") is null && !wire.RawQuery.Contains("X-Amz-Signature", StringComparison.Ordinal)
            && query.IsSuccess && query.Request!.Action == "AssumeRoleWithWebIdentity";
        var check = unsignedWebIdentity ? null : _verifier.Verify(wire, LocalRegionConstants.Region, service.Service.SigningName);
        if (check is { IsValid: false })
        {
            return AwsQueryServerProtocol.Error(service.Service, check.Failure!.ToError(AwsProtocol.Query), requestId);
        }

        if (!query.IsSuccess)
        {
            return AwsQueryServerProtocol.Error(service.Service, query.Error!, requestId);
        }

        if (_authorizer.Authorize(check?.AccessKeyId, Iam.ApiCall.FromQuery(service.Service.SigningName, query.Request!.Action, query.Request.Parameters.All)) is { } refused)
        {
            return AwsQueryServerProtocol.Error(service.Service, new AwsServerError("AccessDenied", refused.Message, 403), requestId);
        }

        return Guard(() => service.Handle(query.Request!, requestId, check?.AccessKeyId), error => AwsQueryServerProtocol.Error(service.Service, error, requestId));
    }

    /// <summary>The role's verdict on a JSON request; a body that is not JSON is left to the operation, which refuses it.</summary>
    private Iam.AccessDenial? AuthorizeJson(string? accessKeyId, AwsJsonServerRequest request)
    {
        try
        {
            return _authorizer.Authorize(accessKeyId, Iam.ApiCall.FromJson(request.Service.SigningName, request.Operation, request.Body));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool Serves(string signingName) =>
        _queryServices.ContainsKey(signingName) || _jsonServices.Values.Any(s => s.Service.SigningName == signingName);

    /// <summary>
    /// A request for an AWS service the local region does not have (Lambda, DynamoDB, SNS…): once its signature is
    /// verified, a clear refusal that names the service and what is served instead, rather than an error of
    /// whichever service happens to share the protocol. JSON for JSON clients, else the XML error shape that Query and
    /// REST-XML clients both read; the code is in X-Amzn-ErrorType too, for REST-JSON clients.
    /// </summary>
    private AwsWireResponse NotServed(AwsWireRequest wire, string signingName, string requestId)
    {
        var isJson = wire.GetHeader("X-Amz-Target") is not null
            || (wire.GetHeader("Content-Type") ?? "").Contains("json", StringComparison.OrdinalIgnoreCase);
        var verdict = _verifier.Verify(wire, LocalRegionConstants.Region, signingName);
        var served = string.Join(", ", _queryServices.Keys.Concat(_jsonServices.Values.Select(s => s.Service.SigningName)).Append(S3Api.SigningName).Distinct().Order(StringComparer.Ordinal));
        var error = verdict.IsValid
            ? new AwsServerError(
                "NotServedByLocalRegion",
                $"The local region does not serve the AWS service '{signingName}' (the service this request is signed for). It serves: {served}.",
                400)
            : verdict.Failure!.ToError(isJson ? AwsProtocol.Json11 : AwsProtocol.Query);
        if (isJson)
        {
            return AwsJsonServerProtocol.Error(error, requestId);
        }

        var xml = AwsQueryServerProtocol.Error(_queryServices[AwsServices.Sts.SigningName].Service, error, requestId);
        return xml with { Headers = [.. xml.Headers, new("X-Amzn-ErrorType", error.Code)] };
    }

    /// <summary>
    /// Streams a tar upload into the image store. The signature covers the headers (the repository, the tag
    /// and the body's SHA-256 in <see cref="ContentSha256Header"/>) over an empty payload; the body is
    /// checked against that hash before the image is stored, so nothing unsigned gets in.
    /// </summary>
    private async Task<AwsWireResponse> ImportAsync(HttpContext context, string requestId)
    {
        var wire = ToWire(context, ReadOnlyMemory<byte>.Empty);
        var verdict = _verifier.Verify(wire, LocalRegionConstants.Region, AwsServices.Ecr.SigningName);
        if (!verdict.IsValid)
        {
            return AwsJsonServerProtocol.Error(verdict.Failure!.ToError(AwsProtocol.Json11), requestId);
        }

        var expected = wire.GetHeader(ContentSha256Header);
        var signedHeaders = wire.GetHeader("Authorization") ?? "";
        if (expected is null || !signedHeaders.Contains(ContentSha256Header, StringComparison.OrdinalIgnoreCase) || expected.Length != 64)
        {
            return AwsJsonServerProtocol.Error(new AwsServerError("InvalidParameterException", $"An image import must sign the {ContentSha256Header} header with the SHA-256 of its body.", 400), requestId);
        }

        var query = AwsQueryForm.Decode(wire.RawQuery).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!query.TryGetValue("repositoryName", out var repository) || !query.TryGetValue("imageTag", out var tag))
        {
            return AwsJsonServerProtocol.Error(new AwsServerError("InvalidParameterException", "repositoryName and imageTag are required.", 400), requestId);
        }

        // The import stands for a push to the repository (`docker push` calls these ECR actions in turn): a role session
        // (a [pipeline] stage's deploy role) must hold each, as it would on AWS; the first refused one answers.
        foreach (var action in ImportImageActions)
        {
            var call = new Iam.ApiCall("ecr", action, [new Dictionary<string, string>(StringComparer.Ordinal) { ["RepositoryName"] = repository }], [], [], []);
            if (_authorizer.Authorize(verdict.AccessKeyId, call) is { } denial)
            {
                return AwsJsonServerProtocol.Error(new AwsServerError("AccessDeniedException", denial.Message, 400), requestId);
            }
        }

        try
        {
            using var hashing = new HashingReadStream(context.Request.Body);
            var (_, image) = await _registry.ImportAsync(repository, tag, hashing, () => hashing.FinishAndCompare(expected), context.RequestAborted).ConfigureAwait(false);
            var result = new ImportImageResult(repository, tag, image.Digest, ImageReference.UriOf(repository, digest: image.Digest), ImageReference.UriOf(repository, tag), image.SizeInBytes);
            return new AwsWireResponse(200, [new("Content-Type", AwsJsonServerProtocol.ContentType), new("x-amzn-RequestId", requestId)],
                JsonSerializer.SerializeToUtf8Bytes(result, ApiJsonContext.Default.ImportImageResult));
        }
        catch (LocalServiceException e)
        {
            return AwsJsonServerProtocol.Error(new AwsServerError(e.Code, e.Message, e.HttpStatus), requestId);
        }
        catch (ArtifactException e)
        {
            return AwsJsonServerProtocol.Error(new AwsServerError("InvalidParameterException", e.Message, 400), requestId);
        }
    }

    private AwsWireResponse Guard(Func<AwsWireResponse> handler, Func<AwsServerError, AwsWireResponse> error)
    {
        try
        {
            return handler();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not the caller's fault: say so as AWS would (a 500), and keep the details in the engine log.
            LogUnexpected(_logger, e);
            return error(new AwsServerError("InternalFailure", "The local region failed to process the request: " + e.Message, 500, AwsErrorFault.Receiver));
        }
    }

    /// <summary>The service named in the request's SigV4 credential scope, if it has one.</summary>
    private static string? ScopeService(AwsWireRequest request) => CredentialScopePart(request, 3);

    /// <summary>A part of the Authorization header's Credential (KEY/DATE/REGION/SERVICE/aws4_request): 0 is who signed, 3 the service.</summary>
    private static string? CredentialScopePart(AwsWireRequest request, int index)
    {
        var authorization = request.GetHeader("Authorization");
        var start = authorization?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var credential = authorization![(start + "Credential=".Length)..].Split(',')[0].Trim();
        var parts = credential.Split('/');
        return parts.Length == 5 ? parts[index] : null;
    }

    private static AwsWireRequest ToWire(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question >= 0 ? rawTarget[..question] : rawTarget;
        var rawQuery = question >= 0 ? rawTarget[(question + 1)..] : "";
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }

        return new AwsWireRequest(context.Request.Method, rawPath, rawQuery, headers, body);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, AwsWireResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = value;
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        if (response.StatusCode >= 400 && response.GetHeader("X-Amzn-ErrorType") is null && TryReadErrorCode(response.Body) is { } code)
        {
            // Smithy-based SDKs read the error code from this header first; botocore reads the body. Send both.
            context.Response.Headers.Append("X-Amzn-ErrorType", code);
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? TryReadErrorCode(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("__type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    /// <summary>Reads a stream through, hashing what passes, so an upload can be checked against its signed hash.</summary>
    private sealed class HashingReadStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _hash.AppendData(buffer, offset, read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Reads what the tar reader left (end-of-archive padding), then compares the whole body's hash.</summary>
        public async Task FinishAndCompare(string expectedHex)
        {
            var rest = new byte[65536];
            while (await ReadAsync(rest).ConfigureAwait(false) > 0)
            {
            }

            var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
            if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(expectedHex.ToLowerInvariant())))
            {
                throw new LocalServiceException("InvalidSignatureException", "The body of the import does not match the SHA-256 its signature covers.");
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
