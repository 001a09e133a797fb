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

/// <summary>
/// The full format: an app of one service (a file without [services]) or of several, and its environments, each service
/// in each environment already merged and validated.
/// </summary>
public sealed class ServiceConfig : LoadedConfig
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<ServiceSettings>> _environments;

    internal ServiceConfig(
        string name,
        string sourcePath,
        IReadOnlyList<string> environmentNames,
        IReadOnlyDictionary<string, IReadOnlyList<ServiceSettings>> environments,
        PipelineSettings pipeline)
        : base(sourcePath)
    {
        Name = name;
        EnvironmentNames = environmentNames;
        _environments = environments;
        Pipeline = pipeline;
        ServiceNames = [.. environments[environmentNames[0]].Select(s => s.Name)];
    }

    /// <summary>The file's name: the service's, or in a file with [services] the app's.</summary>
    public string Name { get; }

    /// <summary>The services, in the order written (for a file of one service, just <see cref="Name"/>): the order deploys go in.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    /// <summary>Whether the file declares [services] (then <see cref="Name"/> names the app, not a service).</summary>
    public bool HasSeveralServices => ServiceNames.Count > 1 || ServiceNames[0] != Name;

    /// <summary>"local" first (it always exists), then the file's environments in the order written.</summary>
    public IReadOnlyList<string> EnvironmentNames { get; }

    /// <summary>
    /// The [pipeline] table with its defaults (branch main, every AWS environment as a stage, in the order written).
    /// Without the table, Stages may be empty: the file then has no AWS environment to deploy to.
    /// </summary>
    public PipelineSettings Pipeline { get; }

    public bool HasEnvironment(string name) => _environments.ContainsKey(name);

    /// <summary>Where an environment lives; the same for every service of the app.</summary>
    /// <exception cref="UnknownEnvironmentException">The file has no such environment.</exception>
    public EnvironmentTarget TargetOf(string environment) => ServicesIn(environment)[0].Environment;

    /// <summary>Every service's effective settings in an environment, in <see cref="ServiceNames"/> order.</summary>
    /// <exception cref="UnknownEnvironmentException">The file has no such environment.</exception>
    public IReadOnlyList<ServiceSettings> ServicesIn(string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return _environments.TryGetValue(environment, out var services)
            ? services
            : throw new UnknownEnvironmentException(environment, EnvironmentNames, SourcePath);
    }

    /// <summary>
    /// Every service of an environment in the order they are deployed: a called service before the services that call
    /// it, otherwise as written. (Calls in a circle are refused when the file is read, so there always is such an order.)
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The file has no such environment.</exception>
    public IReadOnlyList<ServiceSettings> ServicesInDeployOrder(string environment) => ServiceOrder.CalledFirst(ServicesIn(environment));

    /// <summary>One service's effective settings in an environment.</summary>
    /// <exception cref="UnknownEnvironmentException">The file has no such environment.</exception>
    /// <exception cref="UnknownServiceException">The app has no such service.</exception>
    public ServiceSettings ForEnvironment(string environment, string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return ServicesIn(environment).FirstOrDefault(s => s.Name == service)
            ?? throw new UnknownServiceException(service, ServiceNames, SourcePath);
    }

    /// <summary>The effective settings of the file's one service in an environment: overrides merged, defaults applied.</summary>
    /// <exception cref="UnknownEnvironmentException">The file has no such environment.</exception>
    /// <exception cref="SeveralServicesException">The file has several services: name one.</exception>
    public ServiceSettings ForEnvironment(string environment)
    {
        var services = ServicesIn(environment);
        return services.Count == 1 ? services[0] : throw new SeveralServicesException(ServiceNames, SourcePath);
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
