using System.Security.Cryptography;

namespace Fargo.Aws.Signing;

/// <summary>
/// The signatures of a streaming SigV4 upload (Content-Encoding aws-chunked, X-Amz-Content-Sha256
/// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]): each chunk's signature chains from the previous one, starting at the
/// request's own signature, and the trailer (the checksums sent after the body) is signed last. Holds the day's derived
/// signing key, never the secret.
/// </summary>
public sealed class SigV4ChunkChain
{
    private static readonly string EmptyHash = SigV4Canonicalizer.HexSha256([]);

    private readonly byte[] _signingKey;
    private readonly string _amzDate;
    private readonly string _scope;

    internal SigV4ChunkChain(byte[] signingKey, string amzDate, string scope, string seedSignature)
    {
        _signingKey = signingKey;
        _amzDate = amzDate;
        _scope = scope;
        Previous = seedSignature;
    }

    /// <summary>The last signature of the chain (the request's own signature before the first chunk).</summary>
    public string Previous { get; private set; }

    /// <summary>Checks the signature a chunk carries against its data; on a match the chain moves on to it.</summary>
    public bool AcceptChunk(ReadOnlySpan<byte> chunkSha256, string signature)
    {
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256-PAYLOAD", _amzDate, _scope, Previous, EmptyHash, Convert.ToHexStringLower(chunkSha256));
        return Accept(stringToSign, signature);
    }

    /// <summary>
    /// Checks the trailer's signature (x-amz-trailer-signature) over its headers, given as "name:value" lines as sent.
    /// </summary>
    public bool AcceptTrailer(IEnumerable<KeyValuePair<string, string>> trailers, string signature) => Accept(TrailerStringToSign(trailers), signature);

    /// <summary>The trailer's signature (x-amz-trailer-signature), after the last chunk (for clients that sign streaming uploads).</summary>
    public string SignTrailer(IEnumerable<KeyValuePair<string, string>> trailers)
    {
        Previous = SigV4Canonicalizer.Signature(_signingKey, TrailerStringToSign(trailers));
        return Previous;
    }

    private string TrailerStringToSign(IEnumerable<KeyValuePair<string, string>> trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        var canonical = string.Concat(trailers.Select(t => $"{t.Key.ToLowerInvariant()}:{t.Value.Trim()}\n"));
        return string.Join('\n', "AWS4-HMAC-SHA256-TRAILER", _amzDate, _scope, Previous,
            SigV4Canonicalizer.HexSha256(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The signature the next chunk must carry (for clients that sign streaming uploads).</summary>
    public string SignChunk(ReadOnlySpan<byte> chunkData)
    {
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256-PAYLOAD", _amzDate, _scope, Previous, EmptyHash, SigV4Canonicalizer.HexSha256(chunkData));
        Previous = SigV4Canonicalizer.Signature(_signingKey, stringToSign);
        return Previous;
    }

    private bool Accept(string stringToSign, string signature)
    {
        var expected = SigV4Canonicalizer.Signature(_signingKey, stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            return false;
        }

        Previous = expected;
        return true;
    }
}
