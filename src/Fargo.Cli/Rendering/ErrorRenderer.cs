using Fargo.Cli.Errors;
using Spectre.Console;

namespace Fargo.Cli.Rendering;

/// <summary>Writes an <see cref="ErrorReport"/> to stderr, as text for people or as one JSON object.</summary>
internal static class ErrorRenderer
{
    public static void Write(CliHost host, ErrorReport report, OutputFormat format, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        if (format == OutputFormat.Json)
        {
            var problems = report.Problems?.Select(p => ToJson(p)).ToList();
            CliJson.Write(
                host.ErrorWriter,
                new ErrorEnvelope(new ErrorJson(report.Kind, report.ExitCode, report.Message, report.Hint, problems, verbose ? report.Details : null)),
                CliJsonContext.Default.ErrorEnvelope);
            return;
        }

        var console = host.Error;
        if (report.Problems is { Count: > 0 } located)
        {
            ProblemsText.Write(console, located, host.WorkingDirectory);
        }

        console.MarkupLine($"[red bold]error:[/] {Markup.Escape(report.Message)}");
        if (report.Hint is not null)
        {
            console.MarkupLine($"  [yellow]hint:[/] {Markup.Escape(report.Hint)}");
        }

        if (verbose && report.Details is not null)
        {
            console.WriteLine(report.Details);
        }
    }

    public static ProblemJson ToJson(LocatedProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ProblemJson(problem.File, problem.Line, problem.Column, problem.Key, problem.Message, problem.Hint);
    }
}

/// <summary>
/// Located problems, one per line in the form compilers use ("file:line:col: key: message") so editors and
/// CI annotate the right line, each followed by its hint.
/// </summary>
internal static class ProblemsText
{
    public static void Write(IAnsiConsole console, IEnumerable<LocatedProblem> problems, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            // Line 0: the problem concerns the whole file (it could not be read, say).
            var location = problem.Line > 0
                ? $"{DisplayPath(problem.File, workingDirectory)}:{problem.Line}:{problem.Column}:"
                : $"{DisplayPath(problem.File, workingDirectory)}:";
            var key = problem.Key is null ? "" : $" [bold]{Markup.Escape(problem.Key)}:[/]";
            console.MarkupLine($"[grey]{Markup.Escape(location)}[/]{key} {Markup.Escape(problem.Message)}");
            if (problem.Hint is not null)
            {
                console.MarkupLine($"  [yellow]hint:[/] {Markup.Escape(problem.Hint)}");
            }
        }
    }

    /// <summary>A path relative to the working directory when it lies below it, as people typed it.</summary>
    public static string DisplayPath(string path, string workingDirectory)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
