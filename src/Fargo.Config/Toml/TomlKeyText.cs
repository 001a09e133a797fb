using System.Globalization;
using System.Text;

namespace Fargo.Config.Toml;

/// <summary>Writes keys and key paths the way they would be written in a TOML file, for messages.</summary>
public static class TomlKeyText
{
    /// <summary>A bare key as is (<c>port</c>); any other key quoted (<c>"my key"</c>).</summary>
    public static string Format(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > 0 && key.All(IsBareKeyChar))
        {
            return key;
        }

        var quoted = new StringBuilder(key.Length + 2).Append('"');
        foreach (var c in key)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A dotted key path: <c>environments.prod."my key"</c>.</summary>
    public static string Join(IEnumerable<string> path) => string.Join('.', path.Select(Format));

    /// <summary>A-Z, a-z, 0-9, '-' and '_': the characters of a bare key.</summary>
    public static bool IsBareKeyChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
