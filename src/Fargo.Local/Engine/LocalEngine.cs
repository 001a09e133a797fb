using System.Net;
using Fargo.Local.ApplicationAutoScaling;
using Fargo.Local.Api;
using Fargo.Local.Artifacts;
using Fargo.Local.CloudFormation;
using Fargo.Local.CloudFormation.Resources.Handlers;
using Fargo.Local.CertificateManager;
using Fargo.Local.CloudFront;
using Fargo.Local.Database;
using Fargo.Local.Ecr;
using Fargo.Local.Ecs;
using Fargo.Local.Home;
using Fargo.Local.Iam;
using Fargo.Local.LoadBalancing;
using Fargo.Local.LoadBalancing.Ecs;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.Logs;
using Fargo.Local.Runtime;
using Fargo.Local.S3;
using Fargo.Local.SecretsManager;
using Fargo.Local.ServiceDiscovery;
using Fargo.Local.Ssm;
using Fargo.Local.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.Engine;

/// <summary>
/// The local region's engine process: opens the state in FARGO_HOME, takes back the tasks of the last run,
/// serves the API on 127.0.0.1, and runs the scheduler until it is told to stop (SIGTERM, Ctrl-C).
/// Only one engine runs per FARGO_HOME (an exclusive lock file says so).
/// </summary>
public static partial class LocalEngine
{
    /// <summary>Runs the engine in this process until shutdown. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(FargoHome home, EngineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(options);
        home.EnsureCreated();
        using var engineLock = TryLock(home);
        if (engineLock is null)
        {
            await Console.Error.WriteLineAsync($"Another local region engine is already running with FARGO_HOME {home.Root}.").ConfigureAwait(false);
            return 1;
        }

        var time = TimeProvider.System;
        var credentials = LocalCredentials.LoadOrCreate(home);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        await using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fargo.Local");

        using var logs = new LogStore(home.LogsDatabase, time);
        var cipher = ParameterCipher.LoadOrCreate(home);
        using var parameters = new ParameterStore(home.StateDatabase, cipher, time);
        using var artifacts = new ArtifactStore(home.ImagesDirectory, home.UploadsDirectory);
        using var registry = new ImageRegistry(home.StateDatabase, artifacts, time);
        var registryTokens = new RegistryTokens(credentials, time);
        using var ecsStore = new EcsStore(home.StateDatabase);
        using var secrets = new SecretStore(home.StateDatabase, cipher, time);
        using var roleSessions = new RoleSessions(home.StateDatabase, cipher, time);
        using var iam = new IamStore(home.StateDatabase);
        using var oidcIssuer = LocalOidcIssuer.LoadOrCreate(home);
        using var s3 = new S3Store(home.StateDatabase, Path.Combine(home.LocalDirectory, "s3"), time);
        using var distributionStore = new DistributionStore(home.StateDatabase);
        await using var distributions = new DistributionEdge(distributionStore, s3, logger);
        var authorizer = new RequestAuthorizer(iam, roleSessions, new ResourcePolicies(bucket => BucketPolicy(s3, bucket), secretId => secrets.Find(secretId)?.Arn));
        using var runtime = new TaskRuntime(home, options, registry, parameters, secrets, logs, new LoopbackPorts(), time, logger, authorizer);
        using var authority = LocalCertificateAuthority.LoadOrCreate(home.CertificatesDirectory, time);
        using var certificates = new CertificateStore(home.StateDatabase, authority, cipher, time);
        using var loadBalancerStore = new SqliteLoadBalancerStore(home.StateDatabase);
        await using var elb = new ElbControlPlane(
            loadBalancerStore,
            new LoadBalancerOptions { CertificateDirectory = Path.Combine(home.LocalDirectory, "elb"), TimeScale = options.TimeScale, IssuedCertificate = certificates.ServerCertificate },
            time,
            logger);
        await using var databases = new DatabaseManager(home, new SsmDatabaseParameters(parameters), logger);
        await using var cloudMap = new CloudMapRegistry(home.StateDatabase, LocalRegionConstants.Region, LocalRegionConstants.Account, logger);
        runtime.UsePrivateDns(cloudMap);
        var ecs = new EcsControlPlane(ecsStore, runtime, options, time, logger, new EcsServiceRegistration(new EcsServiceLoadBalancing(elb), cloudMap));
        var scalableServices = new EcsScalableServices(ecs);
        using var scaling = new ScalingService(home.StateDatabase, scalableServices, time);
        var autoscaler = new Autoscaler(scaling, scalableServices, new LoadBalancerTraffic(elb), AutoscalerOptions.FromEnvironment(), time, logger);

        await using var cloudFormation = CloudFormationService.Engine(home.StateDatabase, new CloudFormationServices(
            ecs, elb, logs, registry, parameters, secrets, new ManagedDatabaseInstances(databases), new DatabaseInstanceHandler(databases), new CertificateHandler(certificates, elb), s3, scaling, distributions, iam, cloudMap), time, logger);

        // Listeners and target groups first, so adopted tasks find their targets; then the tasks themselves.
        await elb.StartAsync(cancellationToken).ConfigureAwait(false);
        await distributions.StartAsync(cancellationToken).ConfigureAwait(false);
        var (adopted, stray) = ecs.Recover();
        LogRecovered(logger, adopted, stray);

        var api = new LocalApi(
            credentials,
            time,
            [EcsApi.Create(ecs), EcrApi.Create(registry, registryTokens), SsmApi.Create(parameters), LogsApi.Create(logs), CloudFrontLocalApi.AddTo(DatabaseApi.Create(databases), distributionStore), SecretsManagerApi.Create(secrets), ApplicationAutoScalingApi.Create(scaling), CertificateManagerApi.Create(certificates, elb)],
            [StsApi.Create(roleSessions, new RoleAssumption(iam, roleSessions, oidcIssuer, time)), ElbV2Api.Create(elb), CloudFormationApi.Create(cloudFormation), IamApi.Create(iam)],
            registry,
            new RegistryV2Api(registry, new BlobStore(artifacts, home.UploadsDirectory), registryTokens, logger),
            s3,
            roleSessions,
            new TaskRoleCredentials(credentials, roleSessions, ecs.IsTaskLive),
            authorizer,
            oidcIssuer,
            logger);
        app.Run(api.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"The local region can't listen on 127.0.0.1:{options.Port}: {e.Message}. Set {EngineOptions.PortVariable} to another port.").ConfigureAwait(false);
            return 1;
        }

        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        runtime.UseRegion(new Uri($"http://127.0.0.1:{port}"), credentials);
        var record = new EngineRecord(Environment.ProcessId, Posix.ProcessStartTicks(Environment.ProcessId), port, time.GetUtcNow());
        record.Write(home);
        LogListening(logger, port, home.Root);

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        var loops = Task.WhenAll(
            ecs.RunAsync(stopping.Token),
            runtime.CaptureLoopAsync(TimeSpan.FromMilliseconds(200), stopping.Token),
            HousekeepingLoopAsync(logs, registry, ecs, time, logger, stopping.Token),
            S3LifecycleLoopAsync(s3, time, stopping.Token),
            StartDatabasesAsync(databases, logger, stopping.Token),
            autoscaler.RunAsync(stopping.Token));

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        await loops.ConfigureAwait(false);
        LogStopping(logger);
        await ecs.ShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        await databases.StopAllAsync(CancellationToken.None).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (EngineRecord.TryRead(home) is { } current && current.ProcessId == Environment.ProcessId)
        {
            File.Delete(home.EngineFile);
        }

        return 0;
    }

    private static string? BucketPolicy(S3Store s3, string bucket)
    {
        try
        {
            return s3.GetBucket(bucket).Policy;
        }
        catch (S3Exception)
        {
            // No such bucket: the operation itself answers NoSuchBucket once the caller may ask.
            return null;
        }
    }

    private static FileStream? TryLock(FargoHome home)
    {
        try
        {
            return new FileStream(home.EngineLockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Brings the databases of the last run back up, in the background: the API answers meanwhile. A database
    /// that fails to start is reported by the database API itself; this only keeps the engine up.
    /// </summary>
    private static async Task StartDatabasesAsync(DatabaseManager databases, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await databases.StartAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Engine shutting down.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDatabasesFailed(logger, e);
        }
    }

    /// <summary>
    /// What AWS does in the background within hours (log retention, ECR lifecycle policies), and the image store's
    /// clean-up: an artifact no repository holds and no task runs goes an hour after it was last stored.
    /// </summary>
    private static async Task HousekeepingLoopAsync(LogStore logs, ImageRegistry registry, EcsControlPlane ecs, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        try
        {
            do
            {
                logs.ApplyRetention();
                registry.ApplyLifecyclePolicies();
                await CollectImagesAsync(registry, ecs, time, logger, cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Engine shutting down.
        }
    }

    private static async Task CollectImagesAsync(ImageRegistry registry, EcsControlPlane ecs, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var keep = new HashSet<string>(registry.ReferencedDigests(), StringComparer.Ordinal);
        keep.UnionWith(ecs.ImageDigestsInUse());
        try
        {
            var deleted = await registry.Artifacts.DeleteUnreferencedAsync(keep, time.GetUtcNow() - TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
            if (deleted.Count > 0)
            {
                LogImagesCollected(logger, deleted.Count);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogImagesNotCollected(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} images from the image store: no repository holds them and no task runs them")]
    private static partial void LogImagesCollected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning the image store failed; the next round tries again")]
    private static partial void LogImagesNotCollected(ILogger logger, Exception exception);

    /// <summary>Enforces the buckets' lifecycle expiration, as S3 does within a day; here every hour.</summary>
    private static async Task S3LifecycleLoopAsync(S3Store s3, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        try
        {
            do
            {
                s3.ApplyLifecycle();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Engine shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered state: adopted {Adopted} running tasks, stopped {Stray} stray processes")]
    private static partial void LogRecovered(ILogger logger, int adopted, int stray);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local region listening on http://127.0.0.1:{Port} (FARGO_HOME {Home})")]
    private static partial void LogListening(ILogger logger, int port, string home);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting the databases of the last run failed")]
    private static partial void LogDatabasesFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local region stopping: stopping tasks")]
    private static partial void LogStopping(ILogger logger);
}
