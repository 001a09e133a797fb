using System.Text.RegularExpressions;

namespace Fargo.Config.Validation;

/// <summary>Dotted key paths as a user would write them: bare keys as they are, others quoted.</summary>
internal static partial class KeyPaths
{
    public static string Join(string parent, string key)
    {
        var segment = BareKey().IsMatch(key) ? key : $"\"{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        return parent.Length == 0 ? segment : $"{parent}.{segment}";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BareKey();
}
