namespace Fargo.Aws.Credentials;

/// <summary>
/// The region, found as AWS CLI v2 finds it: an explicit one (<c>--region</c>), AWS_REGION, AWS_DEFAULT_REGION,
/// then the profile's <c>region</c> setting.
/// </summary>
public static class AwsRegionResolver
{
    /// <summary>The region, or null when none is configured.</summary>
    public static string? TryResolve(IAwsEnvironment environment, AwsSharedConfig config, string? explicitRegion = null, string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(config);
        if (!string.IsNullOrWhiteSpace(explicitRegion))
        {
            return explicitRegion.Trim();
        }
        var fromEnvironment = environment.GetVariable("AWS_REGION") ?? environment.GetVariable("AWS_DEFAULT_REGION");
        if (fromEnvironment is not null)
        {
            return fromEnvironment.Trim();
        }
        var profileName = AwsSharedConfig.SelectProfileName(environment, profile);
        return config.GetProfile(profileName) is { } settings && settings.TryGetValue("region", out var region) && region.Length > 0
            ? region
            : null;
    }

    /// <summary>The region; throws <see cref="AwsConfigurationException"/> saying how to set one when there is none.</summary>
    public static string Resolve(IAwsEnvironment environment, AwsSharedConfig config, string? explicitRegion = null, string? profile = null) =>
        TryResolve(environment, config, explicitRegion, profile)
        ?? throw new AwsConfigurationException(
            $"No AWS region is configured. Set the environment's region in fargo.toml, set AWS_REGION, or add `region = us-east-1` (say) " +
            $"to profile '{AwsSharedConfig.SelectProfileName(environment, profile)}' in {config.ConfigFilePath}.");
}
