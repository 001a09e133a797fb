using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// `fargo verify` on the local region: the task's Secrets Manager secrets are checked to exist (DescribeSecret, no value
/// read), with or without ECS's ":json-key:stage:version" suffix, and reported like the SSM parameters [secrets] names
/// outside the service's path, by name or ARN (DescribeParameters, names only); the checks look in the existing cluster
/// [network] cluster names.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed class VerifyEndToEndTests(LocalRegionFixture region) : IDisposable
{
    private const string Cluster = "verify-shared";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Verify_reports_missing_and_deleted_Secrets_Manager_secrets_and_passes_once_they_exist()
    {
        await region.AwsSetUpAsync("ecs", "create-cluster", "--cluster-name", Cluster);
        var stripe = await CreateSecretAsync("verifysvc/stripe", """{"key":"sk_test"}""");
        var retired = await CreateSecretAsync("verifysvc/retired", "old");
        await region.AwsSetUpAsync("secretsmanager", "delete-secret", "--secret-id", retired);
        const string gone = "arn:aws:secretsmanager:local:000000000000:secret:verifysvc/gone-AbCdEf";
        var stripeWithoutSuffix = stripe[..stripe.LastIndexOf('-')];
        await region.AwsSetUpAsync("ssm", "put-parameter", "--name", "/shared/verify/api-key", "--value", "k-123", "--type", "SecureString");
        await region.AwsSetUpAsync("ssm", "put-parameter", "--name", "/shared/verify/by-arn", "--value", "k-456", "--type", "SecureString");
        const string byArn = "SHARED_BY_ARN = \"arn:aws:ssm:local:000000000000:parameter/shared/verify/by-arn\"";

        Write(
            $"STRIPE_KEY = \"{stripe}:key::\"",
            $"STRIPE = \"{stripeWithoutSuffix}\"",
            $"RETIRED = \"{retired}\"",
            $"GONE = \"{gone}::AWSCURRENT:\"",
            "MISSING_KEY = \"/shared/verify/missing\"",
            "SHARED_KEY = \"/shared/verify/api-key\"",
            byArn);
        var failing = await VerifyAsync();

        Assert.Equal(1, failing.ExitCode);
        // The local environment is no [pipeline] stage: it has no CI roles to simulate.
        Assert.Equal(("notChecked", "no CI roles to check: local is not a pipeline stage (fargo.toml has no AWS environment for [pipeline])"), failing.Checks["roles"]);
        var cluster = failing.Checks["cluster"];
        Assert.Equal(("passed", $"{Cluster} is ACTIVE"), (cluster.Status, cluster.Detail));
        var secrets = failing.Checks["secrets"];
        Assert.Equal("failed", secrets.Status);
        // The parameters first, then the secrets in the order of their variables (GONE, RETIRED); the secret, not the
        // json key or stage, is what is missing.
        Assert.StartsWith($"missing: /shared/verify/missing, {gone}, {retired} (scheduled for deletion) (0 under /verifysvc, 3 from [secrets]", secrets.Detail, StringComparison.Ordinal);
        Assert.Contains("4 Secrets Manager secret(s) from [secrets]", secrets.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_test", failing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("k-123", failing.Output, StringComparison.Ordinal);

        Write($"STRIPE_KEY = \"{stripe}:key::\"", $"STRIPE = \"{stripeWithoutSuffix}\"", "SHARED_KEY = \"/shared/verify/api-key\"", byArn);
        var passing = await VerifyAsync();

        Assert.Equal(("passed", "0 under /verifysvc, 2 from [secrets], 2 Secrets Manager secret(s) from [secrets]"), (passing.Checks["secrets"].Status, passing.Checks["secrets"].Detail));
    }

    private void Write(params string[] secrets) =>
        _folder.Write("fargo.toml", $"""
            name = "verifysvc"
            port = 5000

            [network]
            cluster = "{Cluster}"

            [secrets]
            {string.Join('\n', secrets)}
            """);

    private async Task<(int ExitCode, IReadOnlyDictionary<string, (string Status, string Detail)> Checks, string Output)> VerifyAsync()
    {
        var result = await region.FargoAsync(_folder.Path, "verify", "--output", "json");
        Assert.True(result.ExitCode is 0 or 1, region.Explain(result));
        using var json = JsonDocument.Parse(result.Out);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("status").GetString()!, c.GetProperty("detail").GetString()!));
        return (result.ExitCode, checks, result.Out + result.Error);
    }

    private async Task<string> CreateSecretAsync(string name, string value)
    {
        using var created = JsonDocument.Parse((await region.AwsSetUpAsync("secretsmanager", "create-secret", "--name", name, "--secret-string", value)).Out);
        return created.RootElement.GetProperty("ARN").GetString()!;
    }
}
