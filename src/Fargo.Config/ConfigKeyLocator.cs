using Fargo.Config.Toml;

namespace Fargo.Config;

/// <summary>
/// Where a key's effective value for an environment is written in a fargo.toml: the environment's override when it has
/// one ([environments.E.network] domain, or network = { domain = … } under [environments.E]), else the top-level key.
/// For errors found after loading (against what is deployed), so that they too name the line to change.
/// </summary>
public static class ConfigKeyLocator
{
    /// <returns>Each key's 1-based line; a key that is not written (its default applies) is left out, and all are when the file cannot be read.</returns>
    public static async Task<IReadOnlyDictionary<string, int>> FindLinesAsync(string file, string environment, IEnumerable<string> keyPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPaths);
        TomlTable root;
        try
        {
            root = await TomlParser.ParseFileAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TomlException)
        {
            return new Dictionary<string, int>();
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var keyPath in keyPaths)
        {
            var segments = keyPath.Split('.');
            if ((LineOf(root, ["environments", environment, .. segments]) ?? LineOf(root, segments)) is { } line)
            {
                lines[keyPath] = line;
            }
        }

        return lines;
    }

    private static int? LineOf(TomlTable table, string[] path)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (!table.Entries.TryGetValue(path[i], out var next) || next is not TomlTable child)
            {
                return null;
            }

            table = child;
        }

        return table.KeyPositions.TryGetValue(path[^1], out var position) ? position.Line : null;
    }
}
