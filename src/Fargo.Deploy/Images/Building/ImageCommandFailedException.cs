namespace Fargo.Deploy.Images.Building;

/// <summary>A build, test or push command exited with an error (or could not be started): which one, and its last lines.</summary>
public sealed class ImageCommandFailedException : DeployException
{
    public ImageCommandFailedException(string command, int? exitCode, IReadOnlyList<string> lastLines, string? hint)
        : base(Describe(command, exitCode, lastLines), hint)
    {
        Command = command;
        ExitCode = exitCode;
        LastLines = lastLines;
    }

    public ImageCommandFailedException()
    {
        Command = "";
        LastLines = [];
    }

    public ImageCommandFailedException(string message)
        : base(message)
    {
        Command = "";
        LastLines = [];
    }

    public ImageCommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Command = "";
        LastLines = [];
    }

    /// <summary>The command as a shell line.</summary>
    public string Command { get; }

    /// <summary>Its exit code; null when it could not be started at all.</summary>
    public int? ExitCode { get; }

    public IReadOnlyList<string> LastLines { get; }

    private static string Describe(string command, int? exitCode, IReadOnlyList<string> lastLines)
    {
        var what = exitCode is null ? $"`{command}` could not be started" : $"`{command}` failed with exit code {exitCode}";
        return lastLines.Count == 0 ? what + "." : what + ". Its last lines:\n  " + string.Join("\n  ", lastLines);
    }
}
