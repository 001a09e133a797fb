using System.Security.Cryptography;
using System.Text;
using Fargo.Config.Model;

namespace Fargo.Config;

/// <summary>
/// The names of one service's AWS resources in one environment: a pure function of the service and
/// environment names, so the CDK stacks create exactly what deploys look up later.
/// </summary>
/// <remarks>
/// One cluster and one load balancer per environment (shared by its services), so those carry only the
/// environment. Within the environment's cluster the ECS service is just the service's name. The task family
/// and IAM roles carry both, because two environments may share an account. Target group and load balancer
/// names are limited by AWS to 32 characters and IAM role names to 64; a longer name keeps its start and ends
/// with 8 hex digits of its SHA-256 so that it stays unique and stable.
/// </remarks>
public static class ResourceNaming
{
    public const int ElbNameLimit = 32;
    public const int IamRoleNameLimit = 64;

    /// <summary>
    /// The tag of the service's own repository that the service stack's first task definition names, before any deploy:
    /// a placeholder that is never pulled (the service runs no task until `fargo deploy` registers a real revision).
    /// </summary>
    public const string PlaceholderImageTag = "bootstrap";

    /// <summary>Whether an image is the service stack's placeholder: "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:bootstrap".</summary>
    public static bool IsPlaceholderImage(string image, string repository)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.EndsWith($"/{repository}:{PlaceholderImageTag}", StringComparison.Ordinal);
    }

    /// <param name="service">The service.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="app">
    /// The app the service belongs to (fargo.toml's name; null: the service's own, as in a file of one service). The CI
    /// roles carry it: one deploy role and one read role per app and environment, whatever the number of services.
    /// </param>
    public static ResourceNames For(string service, string environment, string? app = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(environment);
        app ??= service;
        return new ResourceNames(
            Cluster: $"fargo-{environment}",
            Service: service,
            TaskFamily: $"{service}-{environment}",
            ContainerName: service,
            LogGroup: $"/fargo/{environment}/{service}",
            LogStreamPrefix: service,
            Repository: service,
            ExecutionRole: Fit($"{service}-{environment}-execution", IamRoleNameLimit),
            TaskRole: Fit($"{service}-{environment}-task", IamRoleNameLimit),
            DeployRole: Fit($"{app}-{environment}-deploy", IamRoleNameLimit),
            ReadRole: Fit($"{app}-{environment}-read", IamRoleNameLimit),
            TargetGroup: Fit($"{service}-{environment}", ElbNameLimit),
            LoadBalancer: Fit($"fargo-{environment}", ElbNameLimit));
    }

    /// <summary>
    /// The environment's Cloud Map private DNS namespace, in which every service that another one calls is registered:
    /// pricing of prod answers at pricing.prod.fargo.internal.
    /// </summary>
    public static string DiscoveryNamespace(string environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        return $"{environment}.fargo.internal";
    }

    /// <summary>The URL a caller reaches a called service at on AWS: its Cloud Map name and its container port.</summary>
    public static string DiscoveredUrl(ServiceCall call, string environment)
    {
        ArgumentNullException.ThrowIfNull(call);
        return $"http://{call.Service}.{DiscoveryNamespace(environment)}:{call.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The name itself when it fits, else its start, a hyphen and 8 hex digits of its hash.</summary>
    internal static string Fit(string name, int limit)
    {
        if (name.Length <= limit)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var start = name[..(limit - hash.Length - 1)].TrimEnd('-');
        return $"{start}-{hash}";
    }
}
