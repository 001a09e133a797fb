using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>
/// The example's configuration (examples/todo-api/fargo.toml), through the real loader. It is an app of two services;
/// <see cref="ForEnvironment"/> is its API (todo-api, which keeps the names a single service had); SharedDatabaseStackTests
/// checks the stacks of an API and a worker on its database.
/// </summary>
internal static class ExampleConfig
{
    public static string Path => RepositoryRoot.Combine("examples", "todo-api", "fargo.toml");

    public const string Api = "todo-api";

    public static ServiceSettings ForEnvironment(string environment) => Load().ForEnvironment(environment, Api);

    /// <summary>The effective settings of the example's pipeline stages (qa, prod: every AWS environment, in order).</summary>
    public static IReadOnlyList<ServiceSettings> PipelineStages()
    {
        var config = Load();
        return [.. config.Pipeline.Stages.Select(stage => config.ForEnvironment(stage, Api))];
    }

    private static ServiceConfig Load() => Assert.IsType<ServiceConfig>(new ConfigLoader().Load(Path));
}
