using Fargo.Config.Model;

namespace Fargo.Deploy.Targets;

/// <summary>Where a command acts: the local region, or an AWS account and region.</summary>
/// <param name="Name">The environment's name in fargo.toml ("local", "qa", …); the flat file's service otherwise.</param>
/// <param name="IsLocal">The local region on this machine.</param>
/// <param name="Account">The AWS account id (000000000000 on the local region).</param>
/// <param name="Region">The AWS region ("local" on the local region).</param>
/// <param name="RequiresApproval">Changes are shown and confirmed before they are made.</param>
public sealed record TargetEnvironment(string Name, bool IsLocal, string Account, string Region, bool RequiresApproval)
{
    /// <summary>The local region's fixed identity (Fargo.Local's LocalRegionConstants say the same).</summary>
    public const string LocalAccount = Fargo.Config.Model.LocalRegionIdentity.Account;

    public const string LocalRegion = Fargo.Config.Model.LocalRegionIdentity.Region;

    /// <summary>The registry host of the local region's ECR.</summary>
    public const string LocalRegistryHost = LocalAccount + ".dkr.ecr." + LocalRegion + ".localhost";

    public static TargetEnvironment Local(string name = "local") => new(name, true, LocalAccount, LocalRegion, false);

    /// <summary>The environment of a fargo.toml environment's effective settings.</summary>
    public static TargetEnvironment Of(EnvironmentTarget environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsLocal)
        {
            return Local(environment.Name) with { RequiresApproval = environment.RequiresApproval };
        }

        if (string.IsNullOrEmpty(environment.Account) || string.IsNullOrEmpty(environment.Region))
        {
            throw new DeployUsageException(
                $"Environment '{environment.Name}' has no {(string.IsNullOrEmpty(environment.Account) ? "account" : "region")}.",
                $"Set account and region under [environments.{environment.Name}] in fargo.toml.");
        }

        return new TargetEnvironment(environment.Name, false, environment.Account, environment.Region, environment.RequiresApproval);
    }

    /// <summary>
    /// The local region reached like an AWS account: with the caller's credentials (environment variables, --profile, the
    /// default chain) against the local region's endpoint, checked by STS to be the local account's, instead of the local
    /// region's own all-powerful key. True for an environment of the local region that is a [pipeline] stage, so that its
    /// CI roles authorize what the pipeline's commands do there, as they would on AWS (docs/iam.md).
    /// </summary>
    public bool UsesCallerCredentials { get; init; }

    /// <summary>
    /// The environment of a fargo.toml environment that may be a stage of <paramref name="pipeline"/>: a stage on the local
    /// region <see cref="UsesCallerCredentials"/>; "local" and the local region's other environments keep its own key.
    /// </summary>
    public static TargetEnvironment Of(EnvironmentTarget environment, PipelineSettings pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var target = Of(environment);
        return target.IsLocal && pipeline.Stages.Contains(environment.Name, StringComparer.Ordinal)
            ? target with { UsesCallerCredentials = true }
            : target;
    }

    /// <summary>"the local region" or "qa (account 111111111111, us-east-1)", for messages.</summary>
    public string Describe() => IsLocal ? "the local region" : $"{Name} (account {Account}, {Region})";
}
