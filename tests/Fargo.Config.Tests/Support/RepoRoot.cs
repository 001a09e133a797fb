namespace Fargo.Config.Tests.Support;

/// <summary>The repository's root: the folder holding Fargo.slnx, found by walking up from the test binaries.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Fargo.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Fargo.slnx above {AppContext.BaseDirectory}.");
    }
}
