using System.Text;

namespace Fargo.Local.Logs;

/// <summary>Where a container's output goes: the awslogs driver's log group and stream.</summary>
internal sealed record LogDestination(string Group, string Stream);

/// <summary>
/// Follows one container's output file and turns each complete line into a log event. The read position
/// is stored with the events, so a restarted engine resumes exactly where the crashed one stopped.
/// </summary>
internal sealed class OutputCapture
{
    // CloudWatch Logs' limit for one event is 256 KiB (with 26 bytes of overhead); longer lines are split.
    private const int MaxEventBytes = 256 * 1024 - 26;
    private const int ReadChunk = 1024 * 1024;

    private readonly LogStore _logs;
    private readonly TimeProvider _time;

    // The capture loop and a stopping task's last read may poll at once: one at a time, or lines would be stored twice.
    private readonly Lock _polling = new();

    public OutputCapture(LogStore logs, TimeProvider time, string source, string file, LogDestination? destination)
    {
        _logs = logs;
        _time = time;
        Source = source;
        File = file;
        Destination = destination;
    }

    /// <summary>Identifies the output within the engine ("taskId/container"); the key of its stored offset.</summary>
    public string Source { get; }

    public string File { get; }

    public LogDestination? Destination { get; }

    /// <summary>
    /// Reads what was appended since the last poll and stores it. With <paramref name="final"/> (the process
    /// has exited) a last line without a newline is stored too.
    /// </summary>
    public void Poll(bool final)
    {
        lock (_polling)
        {
            PollLocked(final);
        }
    }

    private void PollLocked(bool final)
    {
        var offset = _logs.GetCaptureOffset(Source);
        FileStream stream;
        try
        {
            stream = new FileStream(File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }

        using (stream)
        {
            while (stream.Length > offset)
            {
                stream.Position = offset;
                var buffer = new byte[(int)Math.Min(ReadChunk, stream.Length - offset)];
                stream.ReadExactly(buffer);
                var end = Array.LastIndexOf(buffer, (byte)'\n');
                int consumed;
                if (end >= 0)
                {
                    consumed = end + 1;
                }
                else if (final || buffer.Length == ReadChunk)
                {
                    // No newline in a full chunk: store it as it is rather than wait forever.
                    consumed = buffer.Length;
                }
                else
                {
                    return;
                }

                var lines = Split(buffer.AsSpan(0, consumed));
                offset += consumed;
                if (Destination is { } destination)
                {
                    _logs.Append(destination.Group, destination.Stream, lines, Source, offset);
                }
                else
                {
                    _logs.SetCaptureOffset(Source, offset);
                }
            }
        }
    }

    private List<CapturedLine> Split(ReadOnlySpan<byte> bytes)
    {
        var now = _time.GetUtcNow();
        var lines = new List<CapturedLine>();
        while (bytes.Length > 0)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var line = newline >= 0 ? bytes[..newline] : bytes;
            bytes = newline >= 0 ? bytes[(newline + 1)..] : [];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.Length == 0)
            {
                continue;
            }

            while (line.Length > MaxEventBytes)
            {
                var cut = MaxEventBytes;
                // Don't cut a UTF-8 sequence in half: back up to the start of a character.
                while (cut > 0 && (line[cut] & 0xC0) == 0x80)
                {
                    cut--;
                }

                lines.Add(new CapturedLine(now, Encoding.UTF8.GetString(line[..cut])));
                line = line[cut..];
            }

            lines.Add(new CapturedLine(now, Encoding.UTF8.GetString(line)));
        }

        return lines;
    }
}
