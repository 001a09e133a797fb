using Fargo.Aws;
using Fargo.Cli.Configuration;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy;
using Fargo.Deploy.Targets;
using Fargo.Local.Client;
using Fargo.Local.Database;

namespace Fargo.Cli.Commands.Service;

/// <summary>The service and environment a command acts on, as the configuration file and --env say.</summary>
internal sealed record ServiceSelection(ServiceSpec Spec, TargetEnvironment Environment, LoadedConfig Config)
{
    /// <summary>fargo.toml's effective settings, or null for a flat deploy file.</summary>
    public ServiceSettings? Settings => Spec.Settings;

    /// <summary>The folder of the configuration file: builds run there.</summary>
    public string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(Config.SourcePath))!;
}

/// <summary>Shared by the service commands: choosing the service and environment, connecting, and turning Fargo.Deploy's errors into the CLI's.</summary>
internal static class ServiceTargets
{
    /// <summary>
    /// fargo.toml: the environment of --env (default local). A flat deploy file: its own account and region, or the local
    /// region with --env local (the same cluster and service names, created there beforehand, e.g. with the AWS CLI).
    /// </summary>
    public static ServiceSelection Select(CommandContext context, string? configPath = null, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = configPath is null ? context.ConfigFile() : ConfigFiles.Resolve(configPath, context.Host.WorkingDirectory);
        var config = new ConfigLoader().Load(path);
        environment ??= context.Settings.Env;
        switch (config)
        {
            case ServiceConfig service:
                var settings = Environments.Select(service, environment, context.Settings.Service);
                return new ServiceSelection(ServiceSpec.FromSettings(settings), Translate(() => TargetEnvironment.Of(settings.Environment, service.Pipeline)), config);
            case FlatConfig flat:
                if (environment is null)
                {
                    var s = flat.Settings;
                    return new ServiceSelection(ServiceSpec.FromFlat(s), new TargetEnvironment(s.Service, false, s.Account, s.Region, false), config);
                }

                if (environment == Environments.Default)
                {
                    return new ServiceSelection(ServiceSpec.FromFlat(flat.Settings, onLocalRegion: true), TargetEnvironment.Local(), config);
                }

                throw new UsageException(
                    $"{flat.SourcePath} is a flat deploy file: it names one account and region, so --env {environment} does not apply (only --env local, for the local region).",
                    "Leave out --env to deploy to the file's account and region.");
            default:
                throw new InvalidOperationException($"Unknown configuration kind {config.GetType().Name}.");
        }
    }

    /// <summary>
    /// The services a command over the whole app works on: the one of --service (or of a file of one service), else every
    /// service of the app in deploy order (each called service before its callers), in the environment of --env or
    /// <paramref name="environment"/> (promote's --from and --to).
    /// </summary>
    public static IReadOnlyList<ServiceSelection> SelectApp(CommandContext context, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = new ConfigLoader().Load(context.ConfigFile());
        if (context.Settings.Service is not null || config is not ServiceConfig { HasSeveralServices: true } app)
        {
            return [Select(context, environment: environment)];
        }

        environment ??= context.Settings.Env ?? Environments.Default;
        return [.. app.ServicesInDeployOrder(environment).Select(settings =>
            new ServiceSelection(ServiceSpec.FromSettings(settings), Translate(() => TargetEnvironment.Of(settings.Environment, app.Pipeline)), config))];
    }

    /// <summary>
    /// Connects to the environment for a command that needs nothing else of the local region: the session owns its
    /// own accessor and closes it with itself.
    /// </summary>
    public static async Task<TargetSession> OpenAsync(CommandContext context, ServiceSelection selection, CancellationToken cancellation)
    {
        var local = new LocalRegionAccessor(context.Host);
        try
        {
            var session = await ConnectAsync(context, selection, local, cancellation);
            return new TargetSession(session.Target, new SessionAndAccessor(session, local));
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <summary>Connects to the environment (starting the local region when needed, checking the AWS account).</summary>
    public static Task<TargetSession> ConnectAsync(CommandContext context, ServiceSelection selection, LocalRegionAccessor local, CancellationToken cancellation) =>
        ConnectAsync(context, selection, local, context.Settings.Profile, cancellation);

    /// <summary>Connects with the credentials of <paramref name="profile"/> (null: the default chain), e.g. promote's --from-profile.</summary>
    public static async Task<TargetSession> ConnectAsync(CommandContext context, ServiceSelection selection, LocalRegionAccessor local, string? profile, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(selection);
        var resolver = new TargetResolver(local, new HostAwsEnvironment(context.Host), profile);
        return await TranslateAsync(() => resolver.ConnectAsync(selection.Environment, selection.Spec, cancellation));
    }

    /// <summary>Runs a command body, reporting Fargo.Deploy's and the local region's errors as the CLI's own.</summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (DeployUsageException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        catch (DeployException e)
        {
            throw new OperationFailedException(e.Message, e.Hint);
        }
        catch (LocalRegionException e)
        {
            throw new OperationFailedException(e.Message, e.Hint);
        }
        catch (DatabaseOperationException e)
        {
            throw new OperationFailedException(e.Message);
        }
    }

    public static T Translate<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (DeployUsageException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
        catch (DeployException e)
        {
            throw new OperationFailedException(e.Message, e.Hint);
        }
    }

    /// <summary>AWS configuration read through the host, so in-process tests control the environment variables.</summary>
    private sealed class HostAwsEnvironment(CliHost host) : IAwsEnvironment
    {
        public string? GetVariable(string name) => host.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

        public string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

        public string HomeDirectory => GetVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    private sealed class SessionAndAccessor(TargetSession session, LocalRegionAccessor local) : IDisposable
    {
        public void Dispose()
        {
            session.Dispose();
            local.Dispose();
        }
    }
}
