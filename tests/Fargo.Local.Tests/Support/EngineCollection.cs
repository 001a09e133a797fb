namespace Fargo.Local.Tests.Support;

/// <summary>
/// Classes that run engines with real processes go one after another: on a 2-core machine, two engines
/// deploying at once would only make health checks late and timings flaky.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineCollection
{
    public const string Name = "engine";
}
