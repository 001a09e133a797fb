using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Fargo.Aws.Credentials;

/// <summary>
/// Finds credentials the way AWS CLI v2 does, using AWSSDK.Core for every kind of credential:
/// <list type="number">
/// <item>an explicit profile (<c>--profile</c>) — then only that profile;</item>
/// <item>AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN);</item>
/// <item>AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN (assume-role with web identity through AWSSDK.SecurityToken);</item>
/// <item>the profile AWS_PROFILE names, else "default", from the shared config and credentials files: static keys,
/// session keys, SSO (AWSSDK.SSO / SSOOIDC, using the token <c>aws sso login</c> cached), assume-role with
/// source_profile or credential_source (AWSSDK.SecurityToken), credential_process, web identity;</item>
/// <item>container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI);</item>
/// <item>EC2 instance metadata, unless AWS_EC2_METADATA_DISABLED is true.</item>
/// </list>
/// Environment and files are read through <see cref="IAwsEnvironment"/>; the SDK's own providers for containers and
/// instance metadata read the process environment, so they are only chosen when <see cref="IAwsEnvironment"/> says so.
/// </summary>
public sealed class AwsCredentialsResolver
{
    private readonly IAwsEnvironment _environment;
    private readonly AwsSharedConfig _config;
    private readonly string? _explicitProfile;

    public AwsCredentialsResolver(IAwsEnvironment environment, AwsSharedConfig config, string? explicitProfile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(config);
        _environment = environment;
        _config = config;
        _explicitProfile = string.IsNullOrWhiteSpace(explicitProfile) ? null : explicitProfile;
    }

    public static AwsCredentialsResolver FromEnvironment(IAwsEnvironment environment, string? explicitProfile = null) =>
        new(environment, AwsSharedConfig.Load(environment), explicitProfile);

    /// <summary>The profile in effect: the explicit one, else AWS_PROFILE, else "default".</summary>
    public string ProfileName => AwsSharedConfig.SelectProfileName(_environment, _explicitProfile);

    /// <summary>
    /// Picks the credential source. Throws <see cref="AwsCredentialsException"/> when there is none, or the chosen one
    /// is misconfigured; refreshable sources (SSO, roles) fail later, on use, with guidance.
    /// </summary>
    public IAwsCredentialsProvider Resolve()
    {
        if (_explicitProfile is not null)
        {
            return FromProfile(_explicitProfile);
        }

        var accessKey = _environment.GetVariable("AWS_ACCESS_KEY_ID");
        var secretKey = _environment.GetVariable("AWS_SECRET_ACCESS_KEY");
        if (accessKey is not null || secretKey is not null)
        {
            if (accessKey is null || secretKey is null)
            {
                throw new AwsCredentialsException(
                    $"{(accessKey is null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID")} is set but {(accessKey is null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")} is not. " +
                    "Set both (and AWS_SESSION_TOKEN for temporary credentials), or unset them and use a profile (AWS_PROFILE or --profile).");
            }
            return new EnvironmentCredentialsProvider(new AwsCredentials(accessKey, secretKey, _environment.GetVariable("AWS_SESSION_TOKEN")));
        }

        if (_environment.GetVariable("AWS_WEB_IDENTITY_TOKEN_FILE") is { } tokenFile && _environment.GetVariable("AWS_ROLE_ARN") is { } roleArn)
        {
            var sessionName = _environment.GetVariable("AWS_ROLE_SESSION_NAME") ?? "fargo-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            return new SdkCredentialsProvider(
                new AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, sessionName),
                $"the web identity token in {tokenFile} (role {roleArn})",
                "Check that AWS_WEB_IDENTITY_TOKEN_FILE holds a current token and that AWS_ROLE_ARN trusts its issuer.");
        }

        var profileName = ProfileName;
        if (_config.HasProfile(profileName))
        {
            return FromProfile(profileName);
        }
        if (_environment.GetVariable("AWS_PROFILE") is not null)
        {
            throw MissingProfile(profileName);
        }

        if (_environment.GetVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is not null
            || _environment.GetVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI") is not null)
        {
            return new SdkCredentialsProvider(new GenericContainerCredentials(), "the container credentials endpoint",
                "Check the task role of this ECS task (or the container credentials endpoint).");
        }

        if (!_environment.IsTrue("AWS_EC2_METADATA_DISABLED"))
        {
            return new SdkCredentialsProvider(() => new InstanceProfileAWSCredentials(), "EC2 instance metadata",
                NoCredentialsAdvice());
        }

        throw new AwsCredentialsException("No AWS credentials found. " + NoCredentialsAdvice());
    }

    private string NoCredentialsAdvice()
    {
        var profiles = _config.ProfileNames;
        var known = profiles.Count == 0 ? "" : $" (profiles in your AWS config: {string.Join(", ", profiles)})";
        return $"Set AWS_PROFILE or pass --profile{known}, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; " +
               "to create a profile run `aws configure` or `aws configure sso`.";
    }

    private AwsCredentialsException MissingProfile(string profileName) =>
        new($"The AWS profile '{profileName}' is not in {_config.ConfigFilePath} or {_config.CredentialsFilePath}. " +
            $"Create it with `aws configure --profile {profileName}` (or `aws configure sso --profile {profileName}`), or choose another profile. " +
            NoCredentialsAdvice(), profileName);

    private SdkCredentialsProvider FromProfile(string profileName)
    {
        var source = new SharedConfigProfileSource(_config);
        if (!source.TryGetProfile(profileName, out var profile))
        {
            throw MissingProfile(profileName);
        }
        var options = profile.Options;
        var kind = options switch
        {
            { SsoStartUrl: not null } or { SsoSession: not null } => "SSO",
            { RoleArn: not null } => "assume role",
            { CredentialProcess: not null } => "credential_process",
            { WebIdentityTokenFile: not null } => "web identity",
            { Token: not null } => "session keys",
            _ => "keys",
        };
        var advice = kind switch
        {
            "SSO" => $"Run `aws sso login --profile {profileName}` to start a new SSO session, then try again.",
            "assume role" => $"Check role_arn and the source credentials of profile '{profileName}' (an SSO source needs `aws sso login`).",
            "credential_process" => $"Run the credential_process of profile '{profileName}' by hand to see why it fails.",
            "session keys" => $"The session keys of profile '{profileName}' may have expired: get new ones (or use `aws configure --profile {profileName}`).",
            _ => $"Check aws_access_key_id and aws_secret_access_key of profile '{profileName}' (`aws configure --profile {profileName}`).",
        };

        AWSCredentials credentials;
        try
        {
            credentials = AWSCredentialsFactory.GetAWSCredentials(profile, source);
        }
        catch (Exception invalid) when (invalid is InvalidDataException or ArgumentException or InvalidOperationException or AmazonClientException)
        {
            throw new AwsCredentialsException(
                $"The AWS profile '{profileName}' cannot give credentials: {invalid.Message} {advice}", profileName, invalid);
        }
        // Without a usable cached token the SDK fails for want of a login callback, or says the token expired.
        Func<Exception, string?>? summary = kind == "SSO"
            ? failure => failure is ArgumentException || failure.Message.Contains("SSO Token", StringComparison.OrdinalIgnoreCase)
                ? $"The SSO session of profile '{profileName}' has expired or was never started."
                : null
            : null;
        return new SdkCredentialsProvider(credentials, $"profile '{profileName}' ({kind})", advice, profileName, summary);
    }

    /// <summary>Environment keys: no refresh possible, so the hint says how to replace them.</summary>
    private sealed class EnvironmentCredentialsProvider(AwsCredentials credentials) : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);

        public string? RenewalHint =>
            "The credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN: set fresh ones, or unset them and use a profile.";
    }
}
