using System.Net;
using System.Text;
using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Signing;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.S3;

/// <summary>
/// S3's upload framings on the wire, built by hand so each is exercised whatever the SDKs happen to choose: an
/// aws-chunked body with signed chunks and a signed checksum trailer, one with an unsigned trailer, and a plain body
/// with its SHA-256 signed. A changed chunk, a wrong checksum or a wrong hash is refused and stores nothing.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class S3WireTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes(new string('a', 70000) + new string('b', 1234));

    /// <summary>The class's bucket: made by the first test, already there (409 BucketAlreadyOwnedByYou) for the others.</summary>
    public async Task InitializeAsync() => Assert.Contains((await SendAsync("PUT", "/wire", [], [], null)).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Signed_chunks_with_a_signed_checksum_trailer_are_stored_and_a_changed_chunk_is_refused()
    {
        using var stored = await PutChunkedAsync("/wire/signed.bin", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", Crc32(Body), tamper: false);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(Crc32(Body), stored.Headers.GetValues("x-amz-checksum-crc32").Single());
        Assert.Equal(Body, await GetAsync("/wire/signed.bin"));

        using var refused = await PutChunkedAsync("/wire/tampered.bin", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", Crc32(Body), tamper: true);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("HEAD", "/wire/tampered.bin", [], [], null)).StatusCode);
    }

    [Fact]
    public async Task An_unsigned_trailer_s_checksum_is_checked()
    {
        using var stored = await PutChunkedAsync("/wire/unsigned.bin", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", Crc32(Body), tamper: false);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(Body, await GetAsync("/wire/unsigned.bin"));

        using var refused = await PutChunkedAsync("/wire/wrong-crc.bin", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", Crc32([1, 2, 3]), tamper: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<Code>BadDigest</Code>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("HEAD", "/wire/wrong-crc.bin", [], [], null)).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_the_one_whose_hash_was_signed_is_refused()
    {
        using var refused = await SendAsync("PUT", "/wire/hashed.bin", [], Body, SigV4CanonicalHash(Encoding.ASCII.GetBytes("something else")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<Code>XAmzContentSHA256Mismatch</Code>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("HEAD", "/wire/hashed.bin", [], [], null)).StatusCode);
    }

    /// <summary>PUTs <see cref="Body"/> as aws-chunked in 64 KiB chunks with a CRC32 trailer; signed chunks when the payload hash says so.</summary>
    private async Task<HttpResponseMessage> PutChunkedAsync(string path, string payloadHash, string crc32, bool tamper)
    {
        var signed = payloadHash.StartsWith("STREAMING-AWS4-HMAC-SHA256", StringComparison.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Encoding", "aws-chunked"),
            new("x-amz-decoded-content-length", Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("x-amz-trailer", "x-amz-checksum-crc32"),
        };
        var (request, signature) = Signed("PUT", path, headers, payloadHash, now);
        var chain = SigV4Signer.ChunkChain(Credentials, Options(payloadHash), now, signature);
        var wire = new MemoryStream();
        void Line(string text) => wire.Write(Encoding.ASCII.GetBytes(text + "\r\n"));
        foreach (var chunk in Body.Chunk(65536).Append([]))
        {
            var size = chunk.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            Line(signed ? $"{size};chunk-signature={chain.SignChunk(chunk)}" : size);
            var sent = tamper && chunk.Length > 0 ? [.. chunk[..^1], (byte)'z'] : chunk;
            if (chunk.Length > 0)
            {
                wire.Write(sent);
                Line("");
            }
        }

        var trailer = new KeyValuePair<string, string>("x-amz-checksum-crc32", crc32);
        Line($"{trailer.Key}:{trailer.Value}");
        if (signed)
        {
            Line($"x-amz-trailer-signature:{chain.SignTrailer([trailer])}");
        }

        Line("");
        request.Content = new ByteArrayContent(wire.ToArray());
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", "aws-chunked");
        using var http = new HttpClient();
        return await http.SendAsync(request);
    }

    private async Task<byte[]> GetAsync(string path)
    {
        using var response = await SendAsync("GET", path, [], [], null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, List<KeyValuePair<string, string>> headers, byte[] body, string? payloadHash)
    {
        var (request, _) = Signed(method, path, headers, payloadHash ?? SigV4CanonicalHash(body), DateTimeOffset.UtcNow);
        if (body.Length > 0 || method == "PUT")
        {
            request.Content = new ByteArrayContent(body);
        }

        using var http = new HttpClient();
        return await http.SendAsync(request);
    }

    private (HttpRequestMessage Request, string Signature) Signed(string method, string path, List<KeyValuePair<string, string>> headers, string payloadHash, DateTimeOffset now)
    {
        var uri = new Uri(engine.Region.Endpoint, path);
        var host = $"{uri.Host}:{uri.Port}";
        var wire = new AwsWireRequest(method, path, "", [new("Host", host), .. headers], ReadOnlyMemory<byte>.Empty);
        var result = SigV4Signer.Sign(wire, Credentials, Options(payloadHash), now);
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        foreach (var (name, value) in headers.Where(h => h.Key != "Content-Encoding").Concat(result.AddedHeaders))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return (request, result.Signature);
    }

    private static SigV4SigningOptions Options(string payloadHash) =>
        new("local", "s3") { NormalizePath = false, AddContentSha256Header = true, PayloadHash = payloadHash };

    private AwsCredentials Credentials => new(engine.Region.Credentials.AccessKeyId, engine.Region.Credentials.SecretAccessKey);

    private static string SigV4CanonicalHash(byte[] body) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));

    private static string Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        crc ^= 0xFFFFFFFF;
        return Convert.ToBase64String([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }
}
