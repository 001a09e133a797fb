using Fargo.Config.Model;

namespace Fargo.Config;

/// <summary>
/// A configuration file that loaded and validated: either a <see cref="ServiceConfig"/> (the full fargo.toml
/// with environments) or a <see cref="FlatConfig"/> (the flat file of existing deploy scripts).
/// </summary>
public abstract class LoadedConfig
{
    private protected LoadedConfig(string sourcePath)
    {
        SourcePath = sourcePath;
    }

    /// <summary>The file it was read from, as given to the loader.</summary>
    public string SourcePath { get; }
}

/// <summary>The full format: one service and its environments, each already merged and validated.</summary>
public sealed class ServiceConfig : LoadedConfig
{
    private readonly IReadOnlyDictionary<string, ServiceSettings> _environments;

    internal ServiceConfig(
        string name,
        string sourcePath,
        IReadOnlyList<string> environmentNames,
        IReadOnlyDictionary<string, ServiceSettings> environments,
        PipelineSettings pipeline)
        : base(sourcePath)
    {
        Name = name;
        EnvironmentNames = environmentNames;
        _environments = environments;
        Pipeline = pipeline;
    }

    /// <summary>The service's name.</summary>
    public string Name { get; }

    /// <summary>"local" first (it always exists), then the file's environments in the order written.</summary>
    public IReadOnlyList<string> EnvironmentNames { get; }

    /// <summary>
    /// The [pipeline] table with its defaults (branch main, every AWS environment as a stage, in the order written).
    /// Without the table, Stages may be empty: the file then has no AWS environment to deploy to.
    /// </summary>
    public PipelineSettings Pipeline { get; }

    public bool HasEnvironment(string name) => _environments.ContainsKey(name);

    /// <summary>The effective settings of an environment: overrides merged, defaults applied.</summary>
    /// <exception cref="UnknownEnvironmentException">The file has no such environment.</exception>
    public ServiceSettings ForEnvironment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _environments.TryGetValue(name, out var settings)
            ? settings
            : throw new UnknownEnvironmentException(name, EnvironmentNames, SourcePath);
    }
}

/// <summary>The flat format: deploy into an existing cluster and service.</summary>
public sealed class FlatConfig : LoadedConfig
{
    internal FlatConfig(string sourcePath, FlatServiceConfig settings)
        : base(sourcePath)
    {
        Settings = settings;
    }

    public FlatServiceConfig Settings { get; }
}
