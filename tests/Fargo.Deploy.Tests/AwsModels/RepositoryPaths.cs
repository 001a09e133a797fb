namespace Fargo.Deploy.Tests.AwsModels;

/// <summary>Files of the repository, found from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string EcsModel => Path.Combine(Root, "node_modules", "aws-sdk", "apis", "ecs-2014-11-13.min.json");

    public static string ExampleConfig => Path.Combine(Root, "examples", "todo-api", "fargo.toml");

    /// <summary>
    /// The example's fargo.toml without its worker's tables ([services.todo-worker…], [environments.E.services.todo-worker]):
    /// its API alone, for what works on one service only (a pipeline).
    /// </summary>
    public static string ExampleApiAlone()
    {
        var skipping = false;
        return string.Join('\n', File.ReadAllLines(ExampleConfig).Where(line =>
        {
            if (line.StartsWith('['))
            {
                skipping = line.Contains("services.todo-worker", StringComparison.Ordinal);
            }

            return !skipping;
        }));
    }
}
