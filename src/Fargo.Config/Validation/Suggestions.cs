namespace Fargo.Config.Validation;

/// <summary>Did-you-mean: the known word closest to a misspelt one.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The closest candidate within a few edits (a third of the word's length, at least one), or one that
    /// the word is a prefix of ("min_healthy" → "min_healthy_percent"); null when nothing is close.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        var lowered = word.ToLowerInvariant();
        var limit = Math.Max(1, word.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(lowered, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        if (best is not null && bestDistance <= limit)
        {
            return best;
        }

        return word.Length >= 3
            ? candidates.FirstOrDefault(c => c.StartsWith(lowered, StringComparison.OrdinalIgnoreCase) || (c.Length >= 3 && lowered.StartsWith(c, StringComparison.OrdinalIgnoreCase)))
            : null;
    }

    /// <summary>Edit distance counting insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
