using System.Text;

namespace Fargo.Config;

/// <summary>
/// One problem in a configuration file, located so a user can go straight to it. Line and Column are
/// 1-based; 0 means the problem concerns the whole file (it could not be read, say). KeyPath is the dotted
/// key, e.g. "environments.prod.scaling.min" ("" for a TOML syntax error). Hint is an optional suggestion
/// such as a did-you-mean.
/// </summary>
public sealed record ConfigDiagnostic(string File, int Line, int Column, string KeyPath, string Message, string? Hint = null)
{
    /// <summary>"fargo.toml:12:5: resources.memory: 300 is not a valid memory size … (hint)".</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line > 0)
        {
            text.Append(':').Append(Line).Append(':').Append(Column);
        }

        text.Append(": ");
        if (KeyPath.Length > 0)
        {
            text.Append(KeyPath).Append(": ");
        }

        text.Append(Message);
        if (Hint is not null)
        {
            text.Append(" (").Append(Hint).Append(')');
        }

        return text.ToString();
    }
}
