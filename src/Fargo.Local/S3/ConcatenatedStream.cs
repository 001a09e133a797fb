namespace Fargo.Local.S3;

/// <summary>Reads files one after another as one stream (a multipart upload's parts, joined on completion).</summary>
internal sealed class ConcatenatedStream(IReadOnlyList<string> paths) : ReadOnlyStream
{
    private int _index;
    private FileStream? _current;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_index < paths.Count)
        {
            _current ??= new FileStream(paths[_index], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            var read = await _current.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return read;
            }

            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
            _index++;
        }

        return 0;
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>The next <c>length</c> bytes of a stream (a copied part's source range).</summary>
internal sealed class SliceStream(Stream inner, long length) : ReadOnlyStream
{
    private long _left = length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_left <= 0)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken).ConfigureAwait(false);
        _left -= read;
        return read;
    }
}
