using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Fargo.Deploy.Images.Registry;

/// <summary>A manifest as a registry serves it: its bytes, media type and digest (the SHA-256 of exactly those bytes).</summary>
public sealed record RegistryManifest(byte[] Content, string MediaType, string Digest);

/// <summary>
/// A small client of the Docker Registry HTTP API v2, as ECR serves it: HTTP Basic credentials sent with every
/// request (ECR takes them directly, with no token exchange), manifests by tag or digest with the Accept media types
/// of <see cref="ManifestReferences.Accepted"/>, blob HEAD and GET (following redirects, which ECR uses to hand layer
/// downloads to S3; the credentials go only to the registry itself), and blob uploads: POST, then one PUT, or PATCH
/// chunks then PUT for big blobs. Bodies are streamed, never held whole in memory.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    /// <summary>Blobs up to this size go up in one PUT; bigger ones in chunks of <see cref="ChunkSize"/>.</summary>
    public const long MonolithicLimit = 16L * 1024 * 1024;

    /// <summary>ECR wants every chunk but the last to be at least 5 MiB.</summary>
    public const int ChunkSize = 8 * 1024 * 1024;

    private const int MaxRedirects = 5;
    private readonly HttpClient _http;
    private readonly RegistryCredentials _credentials;

    /// <param name="registry">The registry's endpoint (see <see cref="RegistryEndpoints"/>).</param>
    /// <param name="credentials">Its credentials.</param>
    /// <param name="handler">The HTTP handler; null for a default one. It must not follow redirects itself (the client does, dropping the credentials).</param>
    public RegistryClient(Uri registry, RegistryCredentials credentials, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(credentials);
        Registry = registry;
        _credentials = credentials;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public Uri Registry { get; }

    /// <summary>The registry's host (and port), for messages.</summary>
    public string Host => Registry.IsDefaultPort ? Registry.Host : Registry.Authority;

    public void Dispose() => _http.Dispose();

    /// <summary>GET /v2/: whether the credentials are accepted.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Url("v2/"), null, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "check the registry", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>HEAD of a manifest: its digest and media type, or null when the registry doesn't have it.</summary>
    public async Task<(string Digest, string? MediaType)?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, Url($"v2/{repository}/manifests/{reference}"), AcceptManifests, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, $"look up {repository}:{reference}", cancellationToken).ConfigureAwait(false);
        var digest = Header(response, "Docker-Content-Digest")
            ?? throw new DeployException($"The registry {Host} did not say the digest of {repository}:{reference} (no Docker-Content-Digest header).");
        return (digest, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>GET of a manifest. The bytes are checked against the digest when the reference is one.</summary>
    public async Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Url($"v2/{repository}/manifests/{reference}"), AcceptManifests, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"read the manifest of {repository}@{reference}", cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && reference != digest)
        {
            throw new DeployException($"The registry {Host} served a manifest for {repository}@{reference} whose content has the digest {digest}: it is not the image asked for.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? MediaTypeInside(content)
            ?? throw new DeployException($"The registry {Host} did not say the media type of {repository}@{reference}.");
        return new RegistryManifest(content, mediaType, digest);
    }

    /// <summary>HEAD of a blob: whether the repository has it.</summary>
    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, Url($"v2/{repository}/blobs/{digest}"), null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, $"look up the blob {digest} in {repository}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>GET of a blob, following redirects; the caller reads the body as a stream and disposes the response.</summary>
    public async Task<HttpResponseMessage> GetBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, Url($"v2/{repository}/blobs/{digest}"), null, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureAsync(response, $"download the blob {digest} from {repository}", cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Uploads a blob from a stream, checking on the way that what went up has <paramref name="digest"/> (and
    /// <paramref name="size"/>, when known). Returns the number of bytes uploaded.
    /// </summary>
    public async Task<long> UploadBlobAsync(string repository, string digest, long? size, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Uri location;
        using (var started = await SendAsync(HttpMethod.Post, Url($"v2/{repository}/blobs/uploads/"), null, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(started, $"start uploading {digest} to {repository}", cancellationToken).ConfigureAwait(false);
            location = UploadLocation(started);
        }

        // The hash outlives the stream: HttpClient disposes a request's content (and so the stream) once sent.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingStream(content, hash);
        if (size is { } known && known <= MonolithicLimit)
        {
            using var body = new StreamContent(hashing);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentLength = known;
            using var put = await SendAsync(HttpMethod.Put, WithDigest(location, digest), null, cancellationToken, body).ConfigureAwait(false);
            await EnsureAsync(put, $"upload {digest} to {repository}", cancellationToken).ConfigureAwait(false);
            Verify(hashing, digest, size);
            return hashing.Length;
        }

        var buffer = new byte[ChunkSize];
        while (true)
        {
            var filled = await FillAsync(hashing, buffer, cancellationToken).ConfigureAwait(false);
            if (filled == 0)
            {
                break;
            }

            var offset = hashing.Length - filled;
            using var chunk = new ByteArrayContent(buffer, 0, filled);
            chunk.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            chunk.Headers.TryAddWithoutValidation("Content-Range", string.Create(CultureInfo.InvariantCulture, $"{offset}-{offset + filled - 1}"));
            using var patch = await SendAsync(HttpMethod.Patch, location, null, cancellationToken, chunk).ConfigureAwait(false);
            await EnsureAsync(patch, $"upload a chunk of {digest} to {repository}", cancellationToken).ConfigureAwait(false);
            location = UploadLocation(patch);
        }

        try
        {
            Verify(hashing, digest, size);
        }
        catch
        {
            using var cancel = await SendAsync(HttpMethod.Delete, location, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        using var empty = new ByteArrayContent([]);
        using var complete = await SendAsync(HttpMethod.Put, WithDigest(location, digest), null, cancellationToken, empty).ConfigureAwait(false);
        await EnsureAsync(complete, $"complete the upload of {digest} to {repository}", cancellationToken).ConfigureAwait(false);
        return hashing.Length;
    }

    /// <summary>PUT of a manifest by tag or digest; returns the digest the registry says it stored (Docker-Content-Digest).</summary>
    public async Task<string?> PutManifestAsync(string repository, string reference, RegistryManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var body = new ByteArrayContent(manifest.Content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(manifest.MediaType);
        using var response = await SendAsync(HttpMethod.Put, Url($"v2/{repository}/manifests/{reference}"), null, cancellationToken, body).ConfigureAwait(false);
        await EnsureAsync(response, $"put the manifest {manifest.Digest} into {repository} as {reference}", cancellationToken).ConfigureAwait(false);
        return Header(response, "Docker-Content-Digest");
    }

    private static IReadOnlyList<string> AcceptManifests => ManifestReferences.Accepted;

    private Uri Url(string relative) => new(Registry, relative);

    /// <summary>Sends a request, following redirects for GET and HEAD; credentials go to the registry's own host only.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, IReadOnlyList<string>? accept, CancellationToken cancellationToken, HttpContent? content = null)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            if (SameServer(url, Registry))
            {
                request.Headers.Authorization = _credentials.Header();
            }

            foreach (var type in accept ?? [])
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new DeployException($"Could not reach the registry {url.Authority}: {e.Message}", "Check the network path to the registry.", e);
            }

            var redirect = (int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is not null;
            if (!redirect || (method != HttpMethod.Get && method != HttpMethod.Head))
            {
                return response;
            }

            if (hop >= MaxRedirects)
            {
                response.Dispose();
                throw new DeployException($"The registry {Host} redirected {url} more than {MaxRedirects} times.");
            }

            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
        }
    }

    private static bool SameServer(Uri a, Uri b) => RegistryEndpoints.Same(a, b);

    private Uri UploadLocation(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? new Uri(Registry, location)
            : throw new DeployException($"The registry {Host} started a blob upload without saying where to send it (no Location header).");

    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : "") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }

    private static void Verify(HashingStream hashing, string digest, long? size)
    {
        var actual = "sha256:" + hashing.HexDigest();
        if (actual != digest || (size is { } expected && expected != hashing.Length))
        {
            throw new DeployException(
                $"The blob copied as {digest} ({(size is null ? "size unknown" : $"{size} bytes")}) read as {actual} ({hashing.Length} bytes): the source registry served other content than its digest names.",
                "Nothing was promoted. Try again; if it persists, the source image is damaged.");
        }
    }

    private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault()
        : null;

    private static string? MediaTypeInside(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("mediaType", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Turns an error answer into a <see cref="RegistryException"/> that says what was being done and what the registry said.</summary>
    private async Task EnsureAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? code = null, message = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    code = errors[0].TryGetProperty("code", out var c) ? c.GetString() : null;
                    message = errors[0].TryGetProperty("message", out var m) ? m.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not the Registry API's error body (a proxy's page, S3's XML): the status says enough.
        }

        var status = (int)response.StatusCode;
        var said = code is null ? $"HTTP {status}" : $"{code}: {message}";
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
            var hint = challenge is not null && !string.Equals(challenge.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
                ? $"The registry asks for {challenge.Scheme} authentication, which Fargo does not do: ECR registries take the Basic credentials of an ECR authorization token."
                : "The ECR authorization token was refused: it may have expired (they last 12 hours), or it was issued for credentials this registry does not trust.";
            throw new RegistryException(response.StatusCode, code ?? "UNAUTHORIZED", $"The registry {Host} refused to let Fargo {doing} ({said}).", hint);
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new RegistryException(response.StatusCode, code ?? "DENIED", $"The registry {Host} does not allow Fargo to {doing} ({said}).",
                "The credentials need ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the source repository (its repository policy must allow the other account) and ecr:PutImage, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:BatchCheckLayerAvailability on the destination.");
        }

        throw new RegistryException(response.StatusCode, code, $"The registry {Host} failed to {doing} ({said}).");
    }

    /// <summary>Reads a stream through, counting and hashing what passes (into a hash its owner disposes).</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        private readonly IncrementalHash _hash = hash;
        private long _length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public string HexDigest() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _hash.AppendData(buffer[..read]);
            _length += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _hash.AppendData(buffer.Span[..read]);
            _length += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
