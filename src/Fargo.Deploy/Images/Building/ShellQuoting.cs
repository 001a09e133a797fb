using System.Text.RegularExpressions;

namespace Fargo.Deploy.Images.Building;

/// <summary>POSIX shell quoting: a word that a shell would read back unchanged stays as it is, anything else goes in single quotes.</summary>
public static partial class ShellQuoting
{
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && SafeWord().IsMatch(word)
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeWord();
}
