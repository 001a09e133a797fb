namespace Fargo.Cli.Tests.Support;

/// <summary>Files of the repository, found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Example => Path.Combine(Root, "examples", "todo-api");

    public static string ExampleConfig => Path.Combine(Example, "fargo.toml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fargo.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Fargo.slnx above {AppContext.BaseDirectory}.");
    }
}
