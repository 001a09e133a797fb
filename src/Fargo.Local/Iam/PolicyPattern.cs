using System.Text;
using System.Text.RegularExpressions;

namespace Fargo.Local.Iam;

/// <summary>Whether a policy value matched, did not, or could not be compared (a policy variable with no value, a value of the wrong type).</summary>
internal enum MatchOutcome
{
    Match,
    NoMatch,
    Unresolvable,
}

/// <summary>
/// Policy strings: <c>*</c> and <c>?</c> wildcards, and policy variables (<c>${aws:username}</c>,
/// <c>${aws:PrincipalTag/team, 'default'}</c>, and the escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>) resolved from the
/// request context. A variable whose key is absent (and has no default) or is multivalued makes the value unresolvable:
/// it then matches nothing, as AWS documents.
/// </summary>
internal static partial class PolicyPattern
{
    public static MatchOutcome Match(string pattern, string value, RequestContext context, bool wildcards, bool ignoreCase)
    {
        var regex = ToRegex(pattern, context, wildcards);
        if (regex is null)
        {
            return MatchOutcome.Unresolvable;
        }

        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(value, regex, options) ? MatchOutcome.Match : MatchOutcome.NoMatch;
    }

    /// <summary>The policy string with its variables replaced by their values (wildcards left as they are), or null when one has no value.</summary>
    public static string? Resolve(string pattern, RequestContext context) =>
        Expand(pattern, context, character => character.ToString(), value => value);

    /// <summary>The anchored regular expression for a policy string, or null when one of its variables has no value.</summary>
    private static string? ToRegex(string pattern, RequestContext context, bool wildcards) =>
        Expand(pattern, context, character => character switch
        {
            '*' when wildcards => ".*",
            '?' when wildcards => ".",
            _ => Regex.Escape(character.ToString()),
        }, Regex.Escape) is { } body ? "^" + body + "$" : null;

    private static string? Expand(string pattern, RequestContext context, Func<char, string> literal, Func<string, string> variable)
    {
        var expanded = new StringBuilder();
        var index = 0;
        while (index < pattern.Length)
        {
            if (pattern[index] == '$' && index + 1 < pattern.Length && pattern[index + 1] == '{' && pattern.IndexOf('}', index + 2) is var end and > 0)
            {
                var resolved = ResolveVariable(pattern[(index + 2)..end], context);
                if (resolved is null)
                {
                    return null;
                }

                expanded.Append(variable(resolved));
                index = end + 1;
                continue;
            }

            expanded.Append(literal(pattern[index]));
            index++;
        }

        return expanded.ToString();
    }

    private static string? ResolveVariable(string inside, RequestContext context)
    {
        if (inside is "*" or "?" or "$")
        {
            return inside;
        }

        var match = VariableWithDefault().Match(inside);
        var key = match.Success ? match.Groups["key"].Value : inside.Trim();
        var fallback = match.Success ? match.Groups["default"].Value : null;
        var value = context.Find(key);
        return value is { IsSet: false, Single.Length: > 0 } ? value.Single : fallback is { Length: > 0 } ? fallback : null;
    }

    [GeneratedRegex(@"^\s*(?<key>[^,]+?)\s*,\s*'(?<default>.*)'\s*$", RegexOptions.Singleline)]
    private static partial Regex VariableWithDefault();
}
