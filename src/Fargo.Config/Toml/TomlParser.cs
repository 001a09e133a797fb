using System.Buffers;
using System.Text.Unicode;

namespace Fargo.Config.Toml;

/// <summary>
/// Reads TOML 1.0 documents. Every value and key keeps where it was written; invalid input raises a
/// <see cref="TomlException"/> with the 1-based line and column of the problem.
/// </summary>
/// <remarks>
/// Line ends inside multi-line strings read as "\n" whether the file uses LF or CRLF (TOML lets a
/// parser normalise them), so a value does not change with the platform the file was saved on.
/// Date-times keep the text written (normalised to RFC 3339: 'T' and 'Z' upper-case); seconds may be
/// 60, the leap second that TOML's grammar allows.
/// </remarks>
public static class TomlParser
{
    /// <summary>Reads a document that is already text. A leading byte order mark is skipped.</summary>
    public static TomlTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TomlReader.Read(text, text.StartsWith('\uFEFF') ? 1 : 0);
    }

    /// <summary>
    /// Reads a document from its bytes, which must be UTF-8 (TOML allows no other encoding). A leading
    /// UTF-8 byte order mark is skipped; invalid UTF-8 is an error located at the offending byte.
    /// </summary>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8) => TomlReader.Read(DecodeUtf8(utf8), 0);

    /// <summary>Reads a TOML file.</summary>
    public static async Task<TomlTable> ParseFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || utf8.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new TomlException("the file is UTF-16 encoded; TOML files must be UTF-8", new TomlPosition(1, 1));
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                return new string(chars, 0, charsWritten);
            }

            // Everything before the bad byte decoded fine, so it gives the line and column.
            var position = new LineMap(new string(chars, 0, charsWritten), 0).At(charsWritten);
            var badByte = bytesRead < utf8.Length ? $" (byte 0x{utf8[bytesRead]:X2})" : "";
            throw new TomlException($"invalid UTF-8{badByte}: TOML files must be valid UTF-8", position);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
