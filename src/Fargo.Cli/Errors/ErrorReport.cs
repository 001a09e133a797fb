namespace Fargo.Cli.Errors;

/// <summary>
/// A failure as the user is told about it: what kind, which exit code, what happened, what to do, and (for
/// configuration errors) every located problem. Rendered as text or as JSON on stderr.
/// </summary>
/// <param name="Kind">A stable identifier for scripts: usage, configuration, failed, aws, credentials, interrupted, internal.</param>
internal sealed record ErrorReport(
    string Kind,
    int ExitCode,
    string Message,
    string? Hint = null,
    IReadOnlyList<LocatedProblem>? Problems = null,
    string? Details = null);

/// <summary>One problem at a place in a file: "file:line:column: key: message".</summary>
internal sealed record LocatedProblem(
    string File,
    int Line,
    int Column,
    string? Key,
    string Message,
    string? Hint);

internal static class ErrorKinds
{
    public const string Usage = "usage";
    public const string Configuration = "configuration";
    public const string Failed = "failed";
    public const string Aws = "aws";
    public const string Credentials = "credentials";
    public const string Interrupted = "interrupted";
    public const string Internal = "internal";
}
