using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime.CredentialManagement;

namespace Fargo.Aws.Credentials;

/// <summary>
/// Hands profiles from <see cref="AwsSharedConfig"/> to AWSSDK.Core, which decides what kind of credentials each one
/// gives and follows source_profile chains through this source. An SSO profile that names an <c>sso_session</c>
/// gets that section's start URL, region and scopes, as the shared config format defines.
/// </summary>
internal sealed class SharedConfigProfileSource(AwsSharedConfig config) : ICredentialProfileSource
{
    public bool TryGetProfile(string profileName, [MaybeNullWhen(false)] out CredentialProfile profile)
    {
        var settings = config.GetProfile(profileName);
        if (settings is null)
        {
            profile = null;
            return false;
        }
        string? Setting(string key) => settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        var options = new CredentialProfileOptions
        {
            AccessKey = Setting("aws_access_key_id"),
            SecretKey = Setting("aws_secret_access_key"),
            Token = Setting("aws_session_token"),
            RoleArn = Setting("role_arn"),
            SourceProfile = Setting("source_profile"),
            CredentialSource = Setting("credential_source"),
            ExternalID = Setting("external_id"),
            MfaSerial = Setting("mfa_serial"),
            RoleSessionName = Setting("role_session_name"),
            CredentialProcess = Setting("credential_process"),
            WebIdentityTokenFile = Setting("web_identity_token_file"),
            SsoAccountId = Setting("sso_account_id"),
            SsoRoleName = Setting("sso_role_name"),
            SsoRegion = Setting("sso_region"),
            SsoStartUrl = Setting("sso_start_url"),
            SsoSession = Setting("sso_session"),
            SsoRegistrationScopes = Setting("sso_registration_scopes"),
        };
        if (options.SsoSession is { } sessionName && config.GetSsoSession(sessionName) is { } session)
        {
            options.SsoStartUrl ??= session.GetValueOrDefault("sso_start_url");
            options.SsoRegion ??= session.GetValueOrDefault("sso_region");
            options.SsoRegistrationScopes ??= session.GetValueOrDefault("sso_registration_scopes");
        }
        profile = new CredentialProfile(profileName, options);
        return true;
    }
}
