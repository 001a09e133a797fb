using System.CommandLine;
using System.Text.RegularExpressions;

namespace Fargo.Cli.Tests.Support;

/// <summary>
/// Finds every `fargo …` command line that a Markdown page names — in inline code and in fenced blocks — and checks
/// it against the CLI's real command tree: each command word must be a command, each option an option of that
/// command (or a global one). Notation the pages use is understood: [optional] parts, alternatives written
/// "a / b", "a|b" or "a\|b", "…" for any subcommand, placeholders such as E, V or REPO:TAG, `--` before a command.
/// </summary>
internal static partial class DocumentedCommands
{
    /// <summary>One problem a line each, with the page and line it is on; empty when every named command exists.</summary>
    public static IReadOnlyList<string> Check(RootCommand root, string page, string markdown)
    {
        var problems = new List<string>();
        var lines = markdown.Split('\n');
        var inFence = false;
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            var snippets = inFence ? [StripComment(line)] : InlineCode().Matches(line).Select(m => m.Groups[1].Value);
            foreach (var snippet in snippets)
            {
                foreach (var commandLine in CommandLines(snippet))
                {
                    problems.AddRange(CheckLine(root, commandLine).Select(p => $"{page}:{number}: `{commandLine}`: {p}"));
                }
            }
        }

        return problems;
    }

    /// <summary>The `fargo …` invocations in a snippet: at its start or after &&, ;, | or $( , up to the next of those.</summary>
    private static IEnumerable<string> CommandLines(string snippet)
    {
        foreach (Match match in Invocation().Matches(snippet))
        {
            yield return match.Groups[1].Value.Trim();
        }
    }

    private static List<string> CheckLine(RootCommand root, string commandLine)
    {
        var problems = new List<string>();
        var tokens = Tokenize(commandLine).Skip(1).ToList(); // the word "fargo" (or ./fargo, ../../fargo)
        List<(Command Command, Command? Parent)> current = [(root, null)];
        var inArguments = false;
        var alternativeNext = false;
        var valueNext = false;
        var anySubcommand = false;
        foreach (var (raw, quoted) in tokens)
        {
            var token = quoted ? raw : raw.Trim('[', ']');
            if (!quoted && token == "--")
            {
                break;
            }

            if (!quoted && token is "/" or "|" or "\\|")
            {
                alternativeNext = true;
                valueNext = false;
                continue;
            }

            if (token.Length == 0)
            {
                continue;
            }

            if (!quoted && token.StartsWith('-'))
            {
                alternativeNext = false;
                var name = token.Split('=')[0];
                var options = current.Select(c => FindOption(c.Command, name, anySubcommand)).ToList();
                if (options.Any(o => o is null))
                {
                    problems.Add($"no option {name} on `{string.Join(" / ", current.Select(c => PathOf(c.Command, root)))}`");
                    valueNext = false;
                }
                else
                {
                    valueNext = !token.Contains('=', StringComparison.Ordinal) && options.Any(o => o!.ValueType != typeof(bool));
                }

                continue;
            }

            if (valueNext)
            {
                valueNext = false;
                continue;
            }

            if (quoted && token.StartsWith('['))
            {
                // A System.CommandLine directive such as "[suggest:N]": what follows is its input.
                inArguments = true;
                continue;
            }

            if (!quoted && token == "…")
            {
                anySubcommand = true;
                continue;
            }

            if (inArguments)
            {
                continue;
            }

            var words = quoted ? [token] : token.Replace("\\|", "|", StringComparison.Ordinal).Split('|', '/');
            var scope = alternativeNext ? current.Select(c => c.Parent).ToList() : current.Select(c => (Command?)c.Command).ToList();
            var resolved = new List<(Command, Command?)>();
            foreach (var word in words)
            {
                foreach (var parent in scope.OfType<Command>())
                {
                    var subcommand = parent.Subcommands.FirstOrDefault(s => s.Name == word || s.Aliases.Contains(word));
                    if (subcommand is not null)
                    {
                        resolved.Add((subcommand, parent));
                    }
                }
            }

            if (resolved.Count == words.Length)
            {
                current = resolved;
                anySubcommand = false;
                alternativeNext = false;
                continue;
            }

            if (!alternativeNext && current.Any(c => c.Command.Arguments.Count > 0))
            {
                // An argument (a placeholder such as NAME, or a value): no more command words after it.
                inArguments = true;
                continue;
            }

            problems.Add($"no command `{token}` under `{string.Join(" / ", scope.OfType<Command>().Distinct().Select(c => PathOf(c, root)))}`");
            break;
        }

        return problems;
    }

    private static Option? FindOption(Command command, string name, bool anySubcommand)
    {
        static bool Matches(Option o, string name) => o.Name == name || o.Aliases.Contains(name);

        if (command.Options.FirstOrDefault(o => Matches(o, name)) is { } own)
        {
            return own;
        }

        if (anySubcommand && command.Subcommands.SelectMany(s => s.Options).FirstOrDefault(o => Matches(o, name)) is { } ofChild)
        {
            return ofChild;
        }

        return command.Parents.OfType<Command>().SelectMany(Ancestors).SelectMany(c => c.Options).FirstOrDefault(o => o.Recursive && Matches(o, name));
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        yield return command;
        foreach (var parent in command.Parents.OfType<Command>().SelectMany(Ancestors))
        {
            yield return parent;
        }
    }

    private static string PathOf(Command command, RootCommand root)
    {
        var names = new List<string>();
        for (var c = command; c is not null && c != root; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', ["fargo", .. names]);
    }

    private static IEnumerable<(string Text, bool Quoted)> Tokenize(string commandLine)
    {
        foreach (Match match in Token().Matches(commandLine))
        {
            yield return match.Groups["q"].Success ? (match.Groups["q"].Value, true) : (match.Value, false);
        }
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?:^|&&|;|\$\(|\|\s)\s*((?:\.\.?/)*(?:\.\./)*fargo(?:\s[^;&)]*)?)(?=$|&&|;|\))")]
    private static partial Regex Invocation();

    [GeneratedRegex("\"(?<q>[^\"]*)\"|'(?<q>[^']*)'|\\S+")]
    private static partial Regex Token();
}
