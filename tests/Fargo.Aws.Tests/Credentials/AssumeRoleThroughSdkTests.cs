using System.Xml.Linq;
using Fargo.Aws.Credentials;
using Fargo.Aws.Protocols;
using Fargo.Aws.Signing;

namespace Fargo.Aws.Tests.Credentials;

/// <summary>
/// Tests that must set process environment variables (AWSSDK.Core reads AWS_ENDPOINT_URL_STS from the process), so
/// they run alone, never beside other tests.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

/// <summary>
/// An assume-role profile resolved through AWSSDK.Core and AWSSDK.SecurityToken against a loopback STS built from
/// Fargo's own Query server helpers and verifier: the SDK's signature must verify, and the SDK must read the
/// AssumeRole answer Fargo writes.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class AssumeRoleThroughSdkTests : IDisposable
{
    private static readonly AwsCredentials SourceKeys = new("AKIASOURCE0000000001", "source-secret-key");
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("fargo-aws-assume-");
    private readonly Dictionary<string, string?> _savedVariables = [];

    public void Dispose()
    {
        foreach (var (name, value) in _savedVariables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        _home.Delete(recursive: true);
    }

    private void SetProcessVariable(string name, string value)
    {
        _savedVariables.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    [Fact]
    public async Task A_role_profile_assumes_the_role_with_its_source_profile_keys()
    {
        var seen = new List<StsCall>();
        await using var sts = LoopbackSts(seen);
        SetProcessVariable("AWS_ENDPOINT_URL_STS", sts.Url.ToString());
        SetProcessVariable("AWS_EC2_METADATA_DISABLED", "true");
        SetProcessVariable("AWS_REGION", "us-east-1");
        var config = AwsSharedConfig.Parse(
            Path.Combine(_home.FullName, "config"),
            "[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/Deployer\nsource_profile = base\nrole_session_name = fargo-session\nregion = us-east-1\n",
            Path.Combine(_home.FullName, "credentials"),
            $"[base]\naws_access_key_id = {SourceKeys.AccessKeyId}\naws_secret_access_key = {SourceKeys.SecretAccessKey}\n");
        var environment = AwsEnvironment.Fixed(new Dictionary<string, string> { ["AWS_EC2_METADATA_DISABLED"] = "true" }, _home.FullName);

        var provider = new AwsCredentialsResolver(environment, config, "deploy").Resolve();
        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

        var call = Assert.Single(seen);
        Assert.Null(call.Verdict.Failure);
        Assert.Equal(("AssumeRole", "arn:aws:iam::111122223333:role/Deployer", "fargo-session"), (call.Action, call.RoleArn, call.SessionName));
        Assert.Equal(("ASIAASSUMED000000001", "assumed-secret", "assumed-session-token"),
            (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        Assert.NotNull(credentials.Expiration);
    }

    /// <summary>
    /// How a GitHub job reads the previous environment: the profile names only the role and `credential_source =
    /// Environment`, and the role is assumed with the keys the job's own role left in the environment (no key on disk).
    /// </summary>
    [Fact]
    public async Task A_role_profile_with_credential_source_Environment_assumes_the_role_with_the_environments_keys()
    {
        var seen = new List<StsCall>();
        await using var sts = LoopbackSts(seen);
        SetProcessVariable("AWS_ENDPOINT_URL_STS", sts.Url.ToString());
        SetProcessVariable("AWS_EC2_METADATA_DISABLED", "true");
        SetProcessVariable("AWS_REGION", "us-east-1");
        SetProcessVariable("AWS_ACCESS_KEY_ID", SourceKeys.AccessKeyId);
        SetProcessVariable("AWS_SECRET_ACCESS_KEY", SourceKeys.SecretAccessKey);
        var config = AwsSharedConfig.Parse(
            Path.Combine(_home.FullName, "config"),
            "[profile fargo-qa-read]\nrole_arn = arn:aws:iam::111122223333:role/todo-api-qa-read\ncredential_source = Environment\nregion = us-east-1\n",
            Path.Combine(_home.FullName, "credentials"),
            "");
        var environment = AwsEnvironment.Fixed(new Dictionary<string, string> { ["AWS_EC2_METADATA_DISABLED"] = "true" }, _home.FullName);

        var provider = new AwsCredentialsResolver(environment, config, "fargo-qa-read").Resolve();
        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

        var call = Assert.Single(seen);
        Assert.Null(call.Verdict.Failure);
        Assert.Equal(("AssumeRole", "arn:aws:iam::111122223333:role/todo-api-qa-read"), (call.Action, call.RoleArn));
        Assert.Equal("ASIAASSUMED000000001", credentials.AccessKeyId);
    }

    private sealed record StsCall(SigV4VerificationResult Verdict, string? Action, string? RoleArn, string? SessionName);

    private static LoopbackAwsServer LoopbackSts(List<StsCall> seen) => new(request =>
    {
        var scope = SigV4CredentialScope.TryRead(request);
        var verdict = new SigV4Verifier(key => key == SourceKeys.AccessKeyId ? SourceKeys : null, TimeProvider.System)
            .Verify(request, scope?.Region ?? "", "sts");
        var parsed = AwsQueryServerProtocol.ParseRequest(request).Request;
        lock (seen)
        {
            seen.Add(new StsCall(verdict, parsed?.Action, parsed?.Parameters.Get("RoleArn"), parsed?.Parameters.Get("RoleSessionName")));
        }

        if (!verdict.IsValid)
        {
            return AwsQueryServerProtocol.Error(AwsServices.Sts, verdict.Failure!.ToError(AwsProtocol.Query), "rid-denied");
        }

        return AwsQueryServerProtocol.Success(AwsServices.Sts, "AssumeRole",
            [
                new XElement("Credentials",
                    new XElement("AccessKeyId", "ASIAASSUMED000000001"),
                    new XElement("SecretAccessKey", "assumed-secret"),
                    new XElement("SessionToken", "assumed-session-token"),
                    AwsQueryXml.Element("Expiration", DateTimeOffset.UtcNow.AddHours(1))),
                new XElement("AssumedRoleUser",
                    new XElement("AssumedRoleId", "AROAEXAMPLE:fargo-session"),
                    new XElement("Arn", "arn:aws:sts::111122223333:assumed-role/Deployer/fargo-session")),
            ],
            "rid-assume");
    });
}
