namespace Fargo.Config;

/// <summary>Finds the fargo.toml that applies to a folder: the folder's own, else the nearest parent's.</summary>
public static class ConfigFileLocator
{
    public const string FileName = "fargo.toml";

    /// <summary>The full path of the nearest fargo.toml at or above <paramref name="startDirectory"/>, or null.</summary>
    public static string? Find(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
