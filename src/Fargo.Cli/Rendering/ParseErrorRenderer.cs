using System.CommandLine;
using System.CommandLine.Parsing;
using Fargo.Cli.Errors;
using Spectre.Console;

namespace Fargo.Cli.Rendering;

/// <summary>
/// A command line that did not parse: every error, a did-you-mean for a mistyped word, and where to look.
/// Exit code 2, and (unlike System.CommandLine's default) no full help page burying the error.
/// </summary>
internal static class ParseErrorRenderer
{
    public static void Write(CliHost host, ParseResult parseResult, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult.Command;
        var errors = parseResult.Errors
            .Where(e => !IsMissingSubcommandNextToUnknownWord(e, parseResult))
            .Select(e => e.Message)
            .ToList();

        var suggestions = parseResult.UnmatchedTokens
            .Select(token => (token, match: Spelling.Closest(token, CandidatesOf(command))))
            .Where(s => s.match is not null)
            .Select(s => $"'{s.token}': did you mean '{s.match}'?")
            .ToList();
        var hint = $"Run '{CommandPath(parseResult.CommandResult)} --help' to see what it accepts.";

        if (format == OutputFormat.Json)
        {
            var message = string.Join(" ", errors);
            var fullHint = string.Join(" ", suggestions.Append(hint));
            CliJson.Write(
                host.ErrorWriter,
                new ErrorEnvelope(new ErrorJson(ErrorKinds.Usage, ExitCodes.Usage, message, fullHint, null, null)),
                CliJsonContext.Default.ErrorEnvelope);
            return;
        }

        foreach (var error in errors)
        {
            host.Error.MarkupLine($"[red bold]error:[/] {Markup.Escape(error)}");
        }

        foreach (var suggestion in suggestions)
        {
            host.Error.MarkupLine($"  {Markup.Escape(suggestion)}");
        }

        host.Error.MarkupLine($"  [yellow]hint:[/] {Markup.Escape(hint)}");
    }

    // "fargo rendr": "Required command was not provided" only repeats what "Unrecognized command 'rendr'" says.
    private static bool IsMissingSubcommandNextToUnknownWord(ParseError error, ParseResult parseResult) =>
        parseResult.UnmatchedTokens.Count > 0
        && error.SymbolResult is CommandResult { Command.Subcommands.Count: > 0 }
        && !parseResult.UnmatchedTokens.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal));

    private static IEnumerable<string> CandidatesOf(Command command)
    {
        foreach (var subcommand in command.Subcommands.Where(c => !c.Hidden))
        {
            yield return subcommand.Name;
        }

        // Options of this command and the recursive ones of its parents.
        for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
        {
            foreach (var option in current.Options.Where(o => !o.Hidden && (ReferenceEquals(current, command) || o.Recursive)))
            {
                yield return option.Name;
            }
        }
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult commandResult; current = commandResult.Parent)
        {
            names.Add(commandResult.Command is RootCommand ? "fargo" : commandResult.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}

/// <summary>The closest known word to a mistyped one, for "did you mean".</summary>
internal static class Spelling
{
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        // One edit for short words, more for longer ones: "rendr" → render, but "bogus" is not "logs".
        var limit = Math.Max(1, word.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (candidate, distance: Distance(word, candidate)))
            .Where(c => c.distance <= limit || c.candidate.StartsWith(word, StringComparison.Ordinal) && word.Length >= 3)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Select(c => c.candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
