namespace Fargo.Tests;

/// <summary>
/// The repository's root (the folder holding Fargo.slnx), found by walking up from the test binaries. Every test
/// project compiles this one file (tests/Directory.Build.props links it).
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Fargo.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Fargo.slnx above {AppContext.BaseDirectory}: cannot find the repository root.");
    }
}
