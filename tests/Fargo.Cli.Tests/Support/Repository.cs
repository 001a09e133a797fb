namespace Fargo.Cli.Tests.Support;

/// <summary>Files of the repository, found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string Example => Path.Combine(Root, "examples", "todo-api");

    public static string ExampleConfig => Path.Combine(Example, "fargo.toml");
}
