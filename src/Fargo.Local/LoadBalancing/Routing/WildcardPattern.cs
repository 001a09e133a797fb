namespace Fargo.Local.LoadBalancing.Routing;

/// <summary>ALB's condition patterns: '*' matches any run of characters (also none), '?' exactly one.</summary>
internal sealed class WildcardPattern(string pattern, bool ignoreCase)
{
    public string Pattern { get; } = pattern;

    public bool IsMatch(ReadOnlySpan<char> text) => Match(Pattern, text, ignoreCase);

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        // Greedy matching with backtracking to the last star: linear for patterns with one star, and never exponential.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
