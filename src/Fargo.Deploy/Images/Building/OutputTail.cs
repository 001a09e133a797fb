using System.Diagnostics;

namespace Fargo.Deploy.Images.Building;

/// <summary>
/// A running command's output lines as they come, from stdout and stderr alike: each is passed on (shown with --verbose),
/// and the last few are kept for the error that names a failure.
/// </summary>
public sealed class OutputTail
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly int _linesKept;
    private readonly IProgress<string>? _output;

    public OutputTail(int linesKept, IProgress<string>? output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(linesKept);
        _linesKept = linesKept;
        _output = output;
    }

    /// <summary>The last lines, oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Reads both streams of <paramref name="process"/> (before it starts: call BeginOutputReadLine/BeginErrorReadLine after).</summary>
    public void Follow(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > _linesKept)
            {
                _lines.Dequeue();
            }
        }

        _output?.Report(line);
    }
}
