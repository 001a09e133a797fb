using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;
using Fargo.Config;
using Fargo.Deploy.Pipeline;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// The generated GitHub workflow rehearsed on the local region (issue #14): two stages of the local region, qa and prod,
/// whose CI roles `fargo infra up --env E --oidc` made from the same templates as on AWS; then each job's commands, taken
/// from the workflow generator's job model, run as the job runs them — a token of the local OIDC issuer for the job's
/// GitHub environment traded for the stage's deploy role (`aws sts assume-role-with-web-identity`, as
/// aws-actions/configure-aws-credentials does), the session's keys in the environment, and for prod the previous stage's
/// read role through a `credential_source = Environment` profile written with `aws configure set`. Every call is
/// authorized by the generated roles and nothing more; `fargo verify` then checks those roles from inside the job.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed class PipelineRehearsalTests(LocalRegionFixture region) : IDisposable
{
    private const string Repository = "acme/rehearsal";
    private const string Service = "rehearsal";
    private const string Version = "abc1234";
    private readonly TempFolder _app = WriteApp();
    private readonly TempFolder _runner = new();

    public void Dispose()
    {
        _app.Dispose();
        _runner.Dispose();
    }

    [Fact]
    public async Task The_generated_workflow_passes_on_the_local_region_with_the_generated_roles()
    {
        var admin = await AdminKeysAsync();

        // A stage on the local region is reached with the caller's credentials: none, or keys it does not know, change nothing.
        var without = await FailAsync(Anonymous(admin), "infra", "up", "--env", "qa");
        Assert.Contains("Environment 'qa' is a [pipeline] stage on the local region", without.Error, StringComparison.Ordinal);
        Assert.Contains("fargo local env", without.Error, StringComparison.Ordinal);
        var foreign = await FailAsync(
            new Dictionary<string, string?>(admin) { ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
            "infra", "up", "--env", "qa");
        Assert.Contains("the local region does not accept the credentials in use (InvalidClientTokenId", foreign.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", foreign.Out + foreign.Error, StringComparison.Ordinal);

        foreach (var stage in new[] { "qa", "prod" })
        {
            await RunAsync(admin, "infra", "up", "--env", stage);
        }

        // The second stage's deploy access finds GitHub's provider made by the first (one per account), as on AWS.
        await RunAsync(admin, "infra", "up", "--env", "qa", "--oidc");
        await RunAsync(admin, "infra", "up", "--env", "prod", "--oidc", "--existing-oidc-provider");

        var jobs = Workflow().Jobs;
        Assert.Equal(["qa", "prod"], jobs.Select(j => j.Environment));
        foreach (var job in jobs)
        {
            var session = await AssumeDeployRoleAsync(admin, job);
            if (job.Source is { } source)
            {
                // The workflow's own step: the profile through which promote reads the previous stage (no keys written).
                await AwsConfigureAsync(session, "role_arn", source.ReadRoleArn, source.Profile);
                await AwsConfigureAsync(session, "credential_source", "Environment", source.Profile);
                await AwsConfigureAsync(session, "region", source.Region, source.Profile);
            }

            foreach (var step in job.Steps)
            {
                await RunAsync(session, Arguments(step.Command));
            }

            if (job.Environment == "qa")
            {
                // The same account and region, yet qa's deploy role reaches nothing of prod: AWS's AccessDenied, nothing changed.
                var elsewhere = await FailAsync(session, "deploy", "--env", "prod", "--version", Version, "--yes");
                Assert.Contains("User: arn:aws:sts::000000000000:assumed-role/rehearsal-qa-deploy/GitHubActions is not authorized to perform: ecs:", elsewhere.Error, StringComparison.Ordinal);
            }

            // Not a step of the workflow, but what a user adds to it: verify from inside the job, with the deploy role.
            var verify = await RunAsync(session, "verify", "--env", job.Environment, "--output", "json");
            var roles = Check(verify, "roles");
            Assert.True(roles.Status == "passed", $"{roles.Status}: {roles.Detail}\n{verify}");
        }

        // The very digest built once for qa runs in prod.
        var qaImage = await RunningImageAsync(admin, "qa");
        Assert.Contains("/rehearsal@sha256:", qaImage, StringComparison.Ordinal);
        Assert.Equal(qaImage, await RunningImageAsync(admin, "prod"));
    }

    /// <summary>The job's configure-aws-credentials step: the job's GitHub environment's token traded for the stage's deploy role.</summary>
    private async Task<Dictionary<string, string?>> AssumeDeployRoleAsync(Dictionary<string, string?> admin, WorkflowJob job)
    {
        var token = await RunAsync(admin, "local", "oidc-token", "--sub", $"repo:{Repository}:environment:{job.GitHubEnvironment}");
        var assumed = await AwsAsync(
            Anonymous(admin),
            "sts", "assume-role-with-web-identity", "--role-arn", job.RoleArn, "--role-session-name", "GitHubActions", "--web-identity-token", token.Out.Trim());
        using var json = JsonDocument.Parse(assumed.Out);
        var credentials = json.RootElement.GetProperty("Credentials");
        var session = Anonymous(admin);
        session["AWS_ACCESS_KEY_ID"] = credentials.GetProperty("AccessKeyId").GetString();
        session["AWS_SECRET_ACCESS_KEY"] = credentials.GetProperty("SecretAccessKey").GetString();
        session["AWS_SESSION_TOKEN"] = credentials.GetProperty("SessionToken").GetString();
        session["AWS_REGION"] = job.Region;
        session["AWS_DEFAULT_REGION"] = job.Region;
        return session;
    }

    /// <summary>The local region's own keys and endpoint (`eval "$(fargo local env)"`): the account's administrator.</summary>
    private async Task<Dictionary<string, string?>> AdminKeysAsync()
    {
        var env = await region.FargoAsync(Path.GetTempPath(), "local", "env", "--output", "json");
        Assert.True(env.ExitCode == 0, region.Explain(env));
        var environment = new Dictionary<string, string?>(region.Environment)
        {
            // The runner's own AWS configuration: empty until the workflow's step writes the profile.
            ["AWS_CONFIG_FILE"] = _runner.File("aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = _runner.File("aws-credentials"),
            ["AWS_PAGER"] = "",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(env.Out)!)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The same environment without keys: the endpoint (standing in for AWS's) and the runner's files only.</summary>
    private static Dictionary<string, string?> Anonymous(Dictionary<string, string?> admin) => new(admin)
    {
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
    };

    private GitHubWorkflow Workflow()
    {
        var config = (ServiceConfig)new ConfigLoader().Load(_app.File("fargo.toml"));
        return GitHubWorkflowGenerator.Generate(new GitHubWorkflowRequest(config, config.Pipeline, Repository, "0.1.0", ""));
    }

    /// <summary>A step's command line as the job's shell runs it: "$VERSION" is the commit's short SHA.</summary>
    private static string[] Arguments(string command)
    {
        Assert.StartsWith("fargo ", command, StringComparison.Ordinal);
        return [.. command["fargo ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word == "\"$VERSION\"" ? Version : word)];
    }

    private async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var result = await E2eProcess.RunAsync("dotnet", [E2eProcess.FargoAssembly, .. args], _app.Path, environment, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"fargo {string.Join(' ', args)}\n{region.Explain(result)}");
        return result;
    }

    private async Task<CliResult> FailAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var result = await E2eProcess.RunAsync("dotnet", [E2eProcess.FargoAssembly, .. args], _app.Path, environment, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode != 0, $"fargo {string.Join(' ', args)} should have failed\n{result}");
        return result;
    }

    private async Task AwsConfigureAsync(IReadOnlyDictionary<string, string?> environment, string key, string value, string profile) =>
        await AwsAsync(environment, "configure", "set", key, value, "--profile", profile);

    private async Task<CliResult> AwsAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        string[] endpoint = args[0] == "configure" ? [] : ["--endpoint-url", environment["AWS_ENDPOINT_URL"]!, "--region", "local", "--output", "json"];
        var result = await E2eProcess.RunAsync("/usr/bin/aws", [.. args, .. endpoint], _runner.Path, environment, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}\n{result}");
        return result;
    }

    private static (string Status, string Detail) Check(CliResult verify, string name)
    {
        using var json = JsonDocument.Parse(verify.Out);
        var check = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        return (check.GetProperty("status").GetString()!, check.GetProperty("detail").GetString()!);
    }

    private async Task<string> RunningImageAsync(IReadOnlyDictionary<string, string?> admin, string environment)
    {
        var status = await RunAsync(admin, "status", "--env", environment, "--output", "json");
        using var json = JsonDocument.Parse(status.Out);
        return json.RootElement.GetProperty("image").GetString()!;
    }

    /// <summary>One small Python service (as the shared-environment tests'); qa and prod are environments of the local region, the pipeline's two stages.</summary>
    private static TempFolder WriteApp() => SharedEnvironmentEndToEndTests.Services.Write(Service, "/" + Service, $"""
        [environments.qa]
        account = "000000000000"
        region = "local"

        [environments.prod]
        account = "000000000000"
        region = "local"

        [pipeline]
        repository = "{Repository}"
        stages = ["qa", "prod"]
        """);
}
