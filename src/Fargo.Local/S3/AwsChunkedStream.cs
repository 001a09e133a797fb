using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fargo.Aws.Signing;

namespace Fargo.Local.S3;

/// <summary>
/// Decodes an aws-chunked body ("hex-size[;chunk-signature=…]\r\n data \r\n … 0…\r\n trailers \r\n"), as the SDKs and
/// the CLI stream uploads: with a chunk signature chain (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]), each chunk is
/// checked against it as it ends; trailers (the x-amz-checksum-* sent after the body) are collected, and their
/// signature checked when the chain signs them. A broken chain or frame throws <see cref="S3Exception"/>.
/// </summary>
internal sealed class AwsChunkedStream(Stream inner, SigV4ChunkChain? chain, bool signedTrailer) : ReadOnlyStream
{
    private const int MaxLine = 8192;

    private readonly byte[] _buffer = new byte[65536];
    private readonly List<KeyValuePair<string, string>> _trailers = [];
    private int _position;
    private int _length;
    private long _remaining;
    private string? _chunkSignature;
    private IncrementalHash? _chunkHash;
    private bool _started;
    private bool _finished;

    /// <summary>The trailing headers, once the body has been read to its end.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers => _trailers;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_finished || destination.Length == 0)
        {
            return 0;
        }

        if (!_started)
        {
            _started = true;
            await StartChunkAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_remaining == 0)
        {
            if (_finished)
            {
                return 0;
            }

            await EndChunkAsync(cancellationToken).ConfigureAwait(false);
            await StartChunkAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_position == _length && !await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Incomplete();
        }

        var count = (int)Math.Min(Math.Min(destination.Length, _length - _position), _remaining);
        _buffer.AsMemory(_position, count).CopyTo(destination);
        _chunkHash?.AppendData(_buffer, _position, count);
        _position += count;
        _remaining -= count;
        return count;
    }

    private async Task StartChunkAsync(CancellationToken cancellationToken)
    {
        var header = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw Incomplete();
        var parts = header.Split(';', 2);
        if (!long.TryParse(parts[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
        {
            throw S3Exception.InvalidRequest($"The aws-chunked body has a malformed chunk header: '{header}'.");
        }

        _chunkSignature = null;
        if (parts.Length == 2 && parts[1].StartsWith("chunk-signature=", StringComparison.Ordinal))
        {
            _chunkSignature = parts[1]["chunk-signature=".Length..].Trim();
        }

        if (chain is not null && _chunkSignature is null)
        {
            throw new S3Exception("IncompleteSignature", "A chunk of the streaming body carries no chunk-signature.", 400);
        }

        _chunkHash?.Dispose();
        _chunkHash = chain is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _remaining = size;
        if (size == 0)
        {
            VerifyChunk();
            await ReadTrailersAsync(cancellationToken).ConfigureAwait(false);
            _finished = true;
        }
    }

    private async Task EndChunkAsync(CancellationToken cancellationToken)
    {
        var end = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (end is not "")
        {
            throw S3Exception.InvalidRequest("A chunk of the aws-chunked body is longer than its header says.");
        }

        VerifyChunk();
    }

    private void VerifyChunk()
    {
        if (chain is null)
        {
            return;
        }

        if (!chain.AcceptChunk(_chunkHash!.GetHashAndReset(), _chunkSignature!))
        {
            throw S3Exception.SignatureDoesNotMatch();
        }
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        string? signature = null;
        while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw S3Exception.InvalidRequest($"The aws-chunked body has a malformed trailer: '{line}'.");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (string.Equals(name, "x-amz-trailer-signature", StringComparison.OrdinalIgnoreCase))
            {
                signature = value;
            }
            else
            {
                _trailers.Add(new(name, value));
            }
        }

        if (chain is not null && signedTrailer && (signature is null || !chain.AcceptTrailer(_trailers, signature)))
        {
            throw S3Exception.SignatureDoesNotMatch();
        }
    }

    /// <summary>Reads one CRLF-terminated line; null at the end of the stream before any byte of it.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
            }

            var b = _buffer[_position++];
            if (b == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add(b);
            if (line.Count > MaxLine)
            {
                throw S3Exception.InvalidRequest("The aws-chunked body has a header line that is too long.");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _position = 0;
        _length = await inner.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _length > 0;
    }

    private static S3Exception Incomplete() =>
        new("IncompleteBody", "The request body terminated unexpectedly", 400);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunkHash?.Dispose();
        }

        base.Dispose(disposing);
    }
}
