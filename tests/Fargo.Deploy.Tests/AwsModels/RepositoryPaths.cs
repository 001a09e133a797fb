namespace Fargo.Deploy.Tests.AwsModels;

/// <summary>Files of the repository, found from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string EcsModel => Path.Combine(Root, "node_modules", "aws-sdk", "apis", "ecs-2014-11-13.min.json");

    public static string ExampleConfig => Path.Combine(Root, "examples", "todo-api", "fargo.toml");

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
