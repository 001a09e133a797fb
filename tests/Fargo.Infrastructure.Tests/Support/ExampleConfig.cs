using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>The example service's configuration (examples/todo-api/fargo.toml), through the real loader.</summary>
internal static class ExampleConfig
{
    public static string Path => RepositoryRoot.Combine("examples", "todo-api", "fargo.toml");

    public static ServiceSettings ForEnvironment(string environment)
    {
        var config = new ConfigLoader().Load(Path);
        return Assert.IsType<ServiceConfig>(config).ForEnvironment(environment);
    }
}
