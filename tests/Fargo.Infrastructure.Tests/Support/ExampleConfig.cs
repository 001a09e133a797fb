using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>The example service's configuration (examples/todo-api/fargo.toml), through the real loader.</summary>
internal static class ExampleConfig
{
    public static string Path => RepositoryRoot.Combine("examples", "todo-api", "fargo.toml");

    public static ServiceSettings ForEnvironment(string environment) => Load().ForEnvironment(environment);

    /// <summary>The effective settings of the example's pipeline stages (qa, prod: every AWS environment, in order).</summary>
    public static IReadOnlyList<ServiceSettings> PipelineStages()
    {
        var config = Load();
        return [.. config.Pipeline.Stages.Select(config.ForEnvironment)];
    }

    private static ServiceConfig Load() => Assert.IsType<ServiceConfig>(new ConfigLoader().Load(Path));
}
