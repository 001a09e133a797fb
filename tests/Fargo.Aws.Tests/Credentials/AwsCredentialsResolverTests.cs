using Fargo.Aws.Credentials;

namespace Fargo.Aws.Tests.Credentials;

/// <summary>
/// Credential resolution over temporary config and credentials files and a fixed environment. Instance metadata is
/// always disabled so that nothing here reaches the network.
/// </summary>
public sealed class AwsCredentialsResolverTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("fargo-aws-creds-");

    public void Dispose() => _home.Delete(recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_home.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private AwsCredentialsResolver Resolver(string? profile = null, string config = "", string credentials = "", params (string, string)[] variables)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_CONFIG_FILE"] = WriteFile("config", config),
            ["AWS_SHARED_CREDENTIALS_FILE"] = WriteFile("credentials", credentials),
        };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }
        return AwsCredentialsResolver.FromEnvironment(AwsEnvironment.Fixed(environment, _home.FullName), profile);
    }

    private static ValueTask<AwsCredentials> Get(IAwsCredentialsProvider provider) => provider.GetCredentialsAsync(CancellationToken.None);

    [Fact]
    public async Task Environment_keys_are_used_with_their_session_token()
    {
        var provider = Resolver(variables: [("AWS_ACCESS_KEY_ID", "AKIAENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret"), ("AWS_SESSION_TOKEN", "env-token")]).Resolve();

        var credentials = await Get(provider);

        Assert.Equal(("AKIAENV", "env-secret", "env-token"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        Assert.Contains("AWS_ACCESS_KEY_ID", provider.RenewalHint, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_a_key_pair_in_the_environment_says_which_half_is_missing()
    {
        var error = Assert.Throws<AwsCredentialsException>(() => Resolver(variables: [("AWS_ACCESS_KEY_ID", "AKIAENV")]).Resolve());

        Assert.StartsWith("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_profile_of_the_credentials_file_is_used_when_nothing_else_is_set()
    {
        var provider = Resolver(credentials: "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n").Resolve();

        var credentials = await Get(provider);

        Assert.Equal(("AKIADEFAULT", "default-secret", (string?)null), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
    }

    [Fact]
    public async Task AWS_PROFILE_chooses_the_profile_and_session_tokens_come_along()
    {
        var provider = Resolver(
            credentials: "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n[work]\naws_access_key_id = ASIAWORK\naws_secret_access_key = w\naws_session_token = work-token\n",
            variables: [("AWS_PROFILE", "work")]).Resolve();

        var credentials = await Get(provider);

        Assert.Equal(("ASIAWORK", "work-token"), (credentials.AccessKeyId, credentials.SessionToken));
    }

    [Fact]
    public async Task An_explicit_profile_beats_environment_keys_and_AWS_PROFILE()
    {
        var resolver = Resolver(
            profile: "ci",
            config: "[profile ci]\nregion = eu-west-1\n",
            credentials: "[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = ci-secret\n[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = o\n",
            variables: [("AWS_ACCESS_KEY_ID", "AKIAENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret"), ("AWS_PROFILE", "other")]);

        Assert.Equal("ci", resolver.ProfileName);
        Assert.Equal("AKIACI", (await Get(resolver.Resolve())).AccessKeyId);
    }

    [Fact]
    public async Task Keys_in_the_config_file_profile_work_too()
    {
        var provider = Resolver(profile: "cfg", config: "[profile cfg]\naws_access_key_id = AKIACFG\naws_secret_access_key = cfg-secret\n").Resolve();

        Assert.Equal("AKIACFG", (await Get(provider)).AccessKeyId);
    }

    [Fact]
    public void A_missing_explicit_profile_says_how_to_create_it_and_lists_the_profiles()
    {
        var error = Assert.Throws<AwsCredentialsException>(() =>
            Resolver(profile: "prod", config: "[profile dev]\nregion = us-east-1\n", credentials: "[qa]\naws_access_key_id = A\naws_secret_access_key = B\n").Resolve());

        Assert.Contains("The AWS profile 'prod' is not in", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure --profile prod", error.Message, StringComparison.Ordinal);
        Assert.Contains("dev, qa", error.Message, StringComparison.Ordinal);
        Assert.Equal("prod", error.Profile);
    }

    [Fact]
    public void A_missing_AWS_PROFILE_profile_is_an_error_not_a_fallback()
    {
        var error = Assert.Throws<AwsCredentialsException>(() => Resolver(variables: [("AWS_PROFILE", "gone")]).Resolve());

        Assert.Contains("'gone'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_credentials_anywhere_the_message_says_what_to_set()
    {
        var error = Assert.Throws<AwsCredentialsException>(() => Resolver().Resolve());

        Assert.StartsWith("No AWS credentials found.", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_PROFILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_with_a_key_id_but_no_secret_cannot_give_credentials()
    {
        var error = Assert.Throws<AwsCredentialsException>(() => Resolver(profile: "half", credentials: "[half]\naws_access_key_id = AKIAHALF\n").Resolve());

        Assert.Contains("'half'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sso_profile_without_a_login_says_to_run_aws_sso_login()
    {
        var config = """
            [profile dev]
            sso_session = fargo-test-session-without-token
            sso_account_id = 111122223333
            sso_role_name = Deployer
            region = us-east-1

            [sso-session fargo-test-session-without-token]
            sso_start_url = https://fargo-test.invalid/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access
            """;
        var provider = Resolver(profile: "dev", config: config).Resolve();

        var error = await Assert.ThrowsAsync<AwsCredentialsException>(() => Get(provider).AsTask());

        Assert.Equal("The SSO session of profile 'dev' has expired or was never started. Run `aws sso login --profile dev` to start a new SSO session, then try again.",
            error.Message);
        Assert.Equal("dev", error.Profile);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task A_credential_process_profile_runs_the_process_through_the_sdk()
    {
        var script = WriteFile("creds.sh", """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "process-token", "Expiration": "2999-01-01T00:00:00Z"}'
            """);
        MakeExecutable(script);
        var provider = Resolver(profile: "proc", config: $"[profile proc]\ncredential_process = {script}\n").Resolve();

        var credentials = await Get(provider);

        Assert.Equal(("ASIAPROCESS", "process-secret", "process-token"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        // The SDK reports the expiry less its refresh margin.
        Assert.InRange(credentials.Expiration!.Value, new DateTimeOffset(2998, 12, 31, 23, 45, 0, TimeSpan.Zero), new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_failing_credential_process_is_reported_with_what_to_do()
    {
        var script = WriteFile("fail.sh", "#!/bin/sh\necho 'token expired' >&2\nexit 3\n");
        MakeExecutable(script);
        var provider = Resolver(profile: "proc", config: $"[profile proc]\ncredential_process = {script}\n").Resolve();

        var error = await Assert.ThrowsAsync<AwsCredentialsException>(() => Get(provider).AsTask());

        Assert.Contains("profile 'proc' (credential_process)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Run the credential_process of profile 'proc' by hand to see why it fails.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_credentials_are_returned_as_given()
    {
        var credentials = new AwsCredentials("AKIALOCAL", "local-secret");

        Assert.Same(credentials, await new StaticAwsCredentialsProvider(credentials).GetCredentialsAsync(CancellationToken.None));
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
