namespace Fargo.Deploy.Tests.AwsModels;

/// <summary>Files of the repository, found from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string EcsModel => Path.Combine(Root, "node_modules", "aws-sdk", "apis", "ecs-2014-11-13.min.json");

    public static string ExampleConfig => Path.Combine(Root, "examples", "todo-api", "fargo.toml");
}
