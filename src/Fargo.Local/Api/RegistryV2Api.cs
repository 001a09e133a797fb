using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Local.Artifacts;
using Fargo.Local.Ecr;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.Api;

/// <summary>
/// The local ECR's Docker Registry HTTP API v2, on the engine's endpoint under /v2/, authenticated as ECR does it:
/// HTTP Basic with user AWS and the password of a GetAuthorizationToken token.
/// <para>
/// How the local artifact model maps onto it: an image's manifest is its artifact manifest (media type
/// <see cref="ArtifactManifest.MediaType"/>, digest = sha256 of its bytes, exactly what ECR's APIs already say), and
/// its blobs are the contents of the files it lists, each addressed by the SHA-256 the manifest gives it. Pushing
/// blobs and then a manifest naming them builds the very folder an import of the same content builds, so the image
/// has the same digest and runs the same. Blobs are content-addressed across the engine (the store is one
/// machine's); a repository must exist for anything to be read from or pushed to it.
/// </para>
/// </summary>
internal sealed partial class RegistryV2Api(ImageRegistry registry, BlobStore blobs, RegistryTokens tokens, ILogger logger)
{
    public const string Prefix = "/v2";

    /// <summary>ECR's limit on a manifest's size.</summary>
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    public static bool Handles(string path) => path == Prefix || path.StartsWith(Prefix + "/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var verdict = tokens.Verify(request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null);
        if (verdict != TokenVerdict.Valid)
        {
            response.Headers.WWWAuthenticate = $"Basic realm=\"https://{LocalRegionConstants.RegistryHost}/\",service=\"ecr.amazonaws.com\"";
            await ErrorAsync(context, 401, "DENIED", verdict == TokenVerdict.Expired
                ? "Your authorization token has expired. Reauthenticate and try again."
                : "Not Authorized").ConfigureAwait(false);
            return;
        }

        var path = request.Path.Value ?? "/";
        if (path is Prefix or Prefix + "/")
        {
            response.ContentType = "application/json";
            await response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var match = Route().Match(path);
        if (!match.Success)
        {
            await ErrorAsync(context, 404, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
            return;
        }

        var repository = match.Groups["name"].Value;
        try
        {
            if (!registry.RepositoryExists(repository))
            {
                await ErrorAsync(context, 404, "NAME_UNKNOWN", $"The repository with name '{repository}' does not exist in the registry with id '{LocalRegionConstants.Account}'").ConfigureAwait(false);
                return;
            }

            if (match.Groups["reference"].Success)
            {
                await ManifestAsync(context, repository, match.Groups["reference"].Value).ConfigureAwait(false);
            }
            else if (match.Groups["upload"].Success)
            {
                await UploadAsync(context, repository, match.Groups["upload"].Value).ConfigureAwait(false);
            }
            else
            {
                await BlobAsync(context, repository, match.Groups["digest"].Value).ConfigureAwait(false);
            }
        }
        catch (LocalServiceException e)
        {
            var (status, code) = e.Code switch
            {
                "RepositoryNotFoundException" => (404, "NAME_UNKNOWN"),
                "ImageTagAlreadyExistsException" => (400, "TAG_INVALID"),
                "ImageDigestDoesNotMatchException" => (400, "DIGEST_INVALID"),
                "InvalidParameterException" when e.Message.Contains("imageTag", StringComparison.Ordinal) => (400, "TAG_INVALID"),
                _ => (400, "UNSUPPORTED"),
            };
            await ErrorAsync(context, status, code, e.Message).ConfigureAwait(false);
        }
        catch (MissingBlobsException e)
        {
            await ErrorAsync(context, 400, "MANIFEST_BLOB_UNKNOWN", e.Message, e.Digests[0]).ConfigureAwait(false);
        }
        catch (ArtifactException e)
        {
            await ErrorAsync(context, 400, "MANIFEST_INVALID", "manifest invalid: " + e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            LogUnexpected(logger, e);
            await ErrorAsync(context, 500, "UNKNOWN", "The local region failed to process the request: " + e.Message).ConfigureAwait(false);
        }
    }

    private async Task ManifestAsync(HttpContext context, string repository, string reference)
    {
        var request = context.Request;
        switch (request.Method)
        {
            case "GET" or "HEAD":
                var manifest = registry.GetManifest(repository, reference);
                if (manifest is null)
                {
                    await ErrorAsync(context, 404, "MANIFEST_UNKNOWN", $"Requested image not found").ConfigureAwait(false);
                    return;
                }

                if (!Accepts(request, ArtifactManifest.MediaType))
                {
                    // The local registry holds one kind of manifest and cannot convert it (ECR converts Docker schemas).
                    await ErrorAsync(context, 404, "MANIFEST_UNKNOWN",
                        $"The image is a {ArtifactManifest.MediaType} manifest, which the request's Accept header does not list.").ConfigureAwait(false);
                    return;
                }

                var bytes = Encoding.UTF8.GetBytes(manifest.Text);
                context.Response.ContentType = ArtifactManifest.MediaType;
                context.Response.Headers["Docker-Content-Digest"] = manifest.Digest;
                context.Response.ContentLength = bytes.Length;
                if (request.Method == "GET")
                {
                    await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                }

                return;
            case "PUT":
                if (request.ContentType is { Length: > 0 } type && !type.StartsWith(ArtifactManifest.MediaType, StringComparison.OrdinalIgnoreCase))
                {
                    await ErrorAsync(context, 400, "MANIFEST_INVALID",
                        $"manifest invalid: the local registry holds {ArtifactManifest.MediaType} manifests (Fargo's directory images), not {type}.").ConfigureAwait(false);
                    return;
                }

                var body = await ReadLimitedAsync(request.Body, MaxManifestBytes, context.RequestAborted).ConfigureAwait(false);
                if (body is null)
                {
                    await ErrorAsync(context, 400, "MANIFEST_INVALID", $"manifest invalid: larger than {MaxManifestBytes} bytes").ConfigureAwait(false);
                    return;
                }

                string text;
                try
                {
                    text = new UTF8Encoding(false, true).GetString(body);
                }
                catch (DecoderFallbackException)
                {
                    await ErrorAsync(context, 400, "MANIFEST_INVALID", "manifest invalid: not UTF-8 text").ConfigureAwait(false);
                    return;
                }

                var stored = await registry.PutManifestAsync(repository, reference, text, blobs.TryGetPathOfHex, context.RequestAborted).ConfigureAwait(false);
                if (registry.Artifacts.TryGetManifest(stored.ImageId.Digest!) is { } committed)
                {
                    blobs.Release(committed);
                }

                context.Response.StatusCode = 201;
                context.Response.Headers.Location = $"{Prefix}/{repository}/manifests/{stored.ImageId.Digest}";
                context.Response.Headers["Docker-Content-Digest"] = stored.ImageId.Digest;
                context.Response.ContentLength = 0;
                return;
            default:
                await ErrorAsync(context, 405, "UNSUPPORTED", $"{request.Method} is not supported on manifests here.").ConfigureAwait(false);
                return;
        }
    }

    private async Task BlobAsync(HttpContext context, string repository, string digest)
    {
        var request = context.Request;
        if (request.Method is not ("GET" or "HEAD"))
        {
            await ErrorAsync(context, 405, "UNSUPPORTED", $"{request.Method} is not supported on blobs here.").ConfigureAwait(false);
            return;
        }

        var path = blobs.TryGetPath(digest);
        if (path is null)
        {
            await ErrorAsync(context, 404, "BLOB_UNKNOWN", $"The blob {digest} does not exist in the repository {repository}.", digest).ConfigureAwait(false);
            return;
        }

        var file = new FileInfo(path);
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers["Docker-Content-Digest"] = digest;
        context.Response.ContentLength = file.Length;
        if (request.Method == "GET")
        {
            await context.Response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task UploadAsync(HttpContext context, string repository, string id)
    {
        var request = context.Request;
        var digest = request.Query["digest"].ToString();
        if (id.Length == 0)
        {
            if (request.Method != "POST")
            {
                await ErrorAsync(context, 405, "UNSUPPORTED", $"{request.Method} is not supported on blob uploads.").ConfigureAwait(false);
                return;
            }

            var mount = request.Query["mount"].ToString();
            if (mount.Length > 0 && blobs.TryGetPath(mount) is not null)
            {
                // Blobs are content-addressed across the engine, so a mount always succeeds when the blob is here.
                await BlobCreatedAsync(context, repository, mount).ConfigureAwait(false);
                return;
            }

            var started = blobs.Start(repository);
            if (digest.Length > 0)
            {
                // A monolithic upload in the POST itself.
                await BlobStore.AppendAsync(started, request.Body, context.RequestAborted).ConfigureAwait(false);
                await CompleteAsync(context, repository, started, digest).ConfigureAwait(false);
                return;
            }

            await UploadAcceptedAsync(context, repository, started, 0).ConfigureAwait(false);
            return;
        }

        var upload = blobs.Find(repository, id);
        if (upload is null)
        {
            await ErrorAsync(context, 404, "BLOB_UPLOAD_UNKNOWN", $"The upload {id} does not exist in the repository {repository}.").ConfigureAwait(false);
            return;
        }

        switch (request.Method)
        {
            case "GET":
                await UploadAcceptedAsync(context, repository, upload, BlobStore.SizeOf(upload), status: 204).ConfigureAwait(false);
                return;
            case "DELETE":
                blobs.Cancel(upload);
                context.Response.StatusCode = 204;
                return;
            case "PATCH" or "PUT":
                if (request.Headers.ContentRange.ToString() is { Length: > 0 } range && !StartsAt(range, BlobStore.SizeOf(upload)))
                {
                    context.Response.Headers.Range = RangeOf(BlobStore.SizeOf(upload));
                    await ErrorAsync(context, 416, "BLOB_UPLOAD_INVALID", $"The chunk's range {range} does not continue the upload, which has {BlobStore.SizeOf(upload)} bytes.").ConfigureAwait(false);
                    return;
                }

                var size = await BlobStore.AppendAsync(upload, request.Body, context.RequestAborted).ConfigureAwait(false);
                if (request.Method == "PATCH")
                {
                    await UploadAcceptedAsync(context, repository, upload, size).ConfigureAwait(false);
                    return;
                }

                if (digest.Length == 0)
                {
                    await ErrorAsync(context, 400, "DIGEST_INVALID", "Completing an upload needs the digest of its content (?digest=sha256:…).").ConfigureAwait(false);
                    return;
                }

                await CompleteAsync(context, repository, upload, digest).ConfigureAwait(false);
                return;
            default:
                await ErrorAsync(context, 405, "UNSUPPORTED", $"{request.Method} is not supported on blob uploads.").ConfigureAwait(false);
                return;
        }
    }

    private async Task CompleteAsync(HttpContext context, string repository, BlobUpload upload, string digest)
    {
        if (!await blobs.CompleteAsync(upload, digest, context.RequestAborted).ConfigureAwait(false))
        {
            await ErrorAsync(context, 400, "DIGEST_INVALID", $"The content uploaded does not have the digest {digest}.", digest).ConfigureAwait(false);
            return;
        }

        await BlobCreatedAsync(context, repository, digest).ConfigureAwait(false);
    }

    private static Task BlobCreatedAsync(HttpContext context, string repository, string digest)
    {
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"{Prefix}/{repository}/blobs/{digest}";
        context.Response.Headers["Docker-Content-Digest"] = digest;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static Task UploadAcceptedAsync(HttpContext context, string repository, BlobUpload upload, long size, int status = 202)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = $"{Prefix}/{repository}/blobs/uploads/{upload.Id}";
        context.Response.Headers.Range = RangeOf(size);
        context.Response.Headers["Docker-Upload-UUID"] = upload.Id;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>The Range header of an upload: the bytes received so far, "0-(size-1)" (and "0-0" for none, as registries say).</summary>
    private static string RangeOf(long size) => string.Create(CultureInfo.InvariantCulture, $"0-{Math.Max(0, size - 1)}");

    private static bool StartsAt(string contentRange, long offset)
    {
        var text = contentRange.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase) ? contentRange["bytes ".Length..] : contentRange;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start == offset;
    }

    private static bool Accepts(HttpRequest request, string mediaType)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return true;
        }

        foreach (var value in accept)
        {
            foreach (var part in (value ?? "").Split(','))
            {
                var type = part.Split(';')[0].Trim();
                if (type is "*/*" or "" || string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The Registry API's error body: {"errors":[{"code","message","detail"}]}.</summary>
    private static async Task ErrorAsync(HttpContext context, int status, string code, string message, string? detail = null)
    {
        context.Response.StatusCode = status;
        if (context.Request.Method == "HEAD")
        {
            context.Response.ContentLength = 0;
            return;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            if (detail is not null)
            {
                writer.WriteString("detail", detail);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = stream.Length;
        await context.Response.Body.WriteAsync(stream.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^/v2/(?<name>[a-z0-9]+(?:[._/-][a-z0-9]+)*?)/(?:manifests/(?<reference>[^/]+)|blobs/uploads/(?<upload>[^/]*)|blobs/(?<digest>sha256:[a-f0-9]{64}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Route();

    [LoggerMessage(Level = LogLevel.Error, Message = "Registry API request failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
