using System.Text;
using Fargo.Local.Api;

namespace Fargo.Local.Logs;

/// <summary>
/// CloudWatch Logs filter patterns for unstructured log events: every plain term must occur
/// (case-sensitive), "quoted phrases" count as one term, terms prefixed with ? match when any of them
/// occurs, and terms prefixed with - must not occur. An empty pattern matches every event. JSON
/// (<c>{ $.x = … }</c>) and space-delimited (<c>[a, b]</c>) patterns are not supported locally and are
/// refused rather than silently matching something else.
/// </summary>
internal sealed class FilterPattern
{
    private readonly List<string> _required = [];
    private readonly List<string> _anyOf = [];
    private readonly List<string> _excluded = [];

    public static FilterPattern Parse(string? pattern)
    {
        var result = new FilterPattern();
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return result;
        }

        var trimmed = pattern.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            throw new LocalServiceException("InvalidParameterException",
                "JSON and space-delimited filter patterns are not supported by the local region; use terms, \"phrases\", ?any and -excluded terms.");
        }

        var position = 0;
        while (position < trimmed.Length)
        {
            if (char.IsWhiteSpace(trimmed[position]))
            {
                position++;
                continue;
            }

            var kind = trimmed[position] switch
            {
                '?' => '?',
                '-' => '-',
                _ => ' ',
            };
            if (kind != ' ')
            {
                position++;
            }

            var term = ReadTerm(trimmed, ref position);
            if (term.Length == 0)
            {
                continue;
            }

            (kind switch
            {
                '?' => result._anyOf,
                '-' => result._excluded,
                _ => result._required,
            }).Add(term);
        }

        return result;
    }

    public bool Matches(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _required.TrueForAll(term => message.Contains(term, StringComparison.Ordinal))
            && (_anyOf.Count == 0 || _anyOf.Exists(term => message.Contains(term, StringComparison.Ordinal)))
            && !_excluded.Exists(term => message.Contains(term, StringComparison.Ordinal));
    }

    private static string ReadTerm(string text, ref int position)
    {
        if (position < text.Length && text[position] == '"')
        {
            var phrase = new StringBuilder();
            position++;
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                phrase.Append(text[position++]);
            }

            if (position >= text.Length)
            {
                throw new LocalServiceException("InvalidParameterException", "Invalid filter pattern: unterminated quoted phrase.");
            }

            position++;
            return phrase.ToString();
        }

        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return text[start..position];
    }
}
