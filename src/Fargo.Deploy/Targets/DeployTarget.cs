using Fargo.Deploy.Aws;

namespace Fargo.Deploy.Targets;

/// <summary>
/// Everything an operation on one service needs: where (environment), what (the service's names and settings) and
/// through which clients. The same record, and so the same code, serves the local region and AWS.
/// </summary>
public sealed record DeployTarget(TargetEnvironment Environment, ServiceSpec Spec, ServiceApis Apis)
{
    /// <summary>
    /// How often the watcher looks: AWS's APIs are rate-limited and slower to change than the local region, whose
    /// scheduler ticks every 200 ms (a poll costs it a few milliseconds).
    /// </summary>
    public TimeSpan PollInterval { get; init; } = Environment.IsLocal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);

    /// <summary>
    /// The local region's endpoint, for an environment on the local region: its image registry answers there too
    /// (the Registry API under /v2/), and two engines are two registries. Null for AWS.
    /// </summary>
    public Uri? LocalRegionEndpoint { get; init; }

    /// <summary>
    /// The caller's credentials on a [pipeline] stage of the local region (<see cref="TargetEnvironment.UsesCallerCredentials"/>):
    /// what its image import is signed with, so that the stage's roles authorize the push too. Null elsewhere.
    /// </summary>
    public Fargo.Aws.Credentials.IAwsCredentialsProvider? CallerCredentials { get; init; }

    /// <summary>"todo-api in fargo-qa (qa, account 111111111111, us-east-1)", for messages.</summary>
    public string Describe() => $"{Spec.Service} in cluster {Spec.Cluster} on {Environment.Describe()}";
}
