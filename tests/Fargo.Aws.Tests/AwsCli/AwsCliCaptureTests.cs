using System.Text;
using System.Text.Json.Nodes;
using Fargo.Aws.Signing;
using Fargo.Aws.Tests.Models;

namespace Fargo.Aws.Tests.AwsCli;

/// <summary>
/// For a representative call of every operation Fargo.Aws covers: what the official AWS CLI sends and what
/// Fargo.Aws sends for the same input must be the same request (body as JSON or as form parameters, X-Amz-Target,
/// Content-Type, signing scope), both signatures must verify with Fargo's SigV4 verifier, and the same canned AWS
/// answer must read to the same values in both.
/// </summary>
[Trait("Category", "AwsCli")]
public sealed class AwsCliCaptureTests(CliCaptureFixture fixture) : IClassFixture<CliCaptureFixture>
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in CliCaptureFixture.Cases)
        {
            data.Add(testCase.Name);
        }
        return data;
    }

    [Fact]
    public void Every_operation_of_the_catalog_has_a_cli_case()
    {
        var covered = CliCaptureFixture.Cases.Select(c => (c.Service.ServiceId, c.Operation)).ToHashSet();
        var services = new Dictionary<string, AwsServiceDescription>
        {
            ["ecs"] = AwsServices.Ecs,
            ["elbv2"] = AwsServices.ElasticLoadBalancingV2,
            ["ecr"] = AwsServices.Ecr,
            ["ssm"] = AwsServices.Ssm,
            ["logs"] = AwsServices.CloudWatchLogs,
            ["cloudformation"] = AwsServices.CloudFormation,
            ["secretsmanager"] = AwsServices.SecretsManager,
            ["sts"] = AwsServices.Sts,
            ["application-autoscaling"] = AwsServices.ApplicationAutoScaling,
            ["iam"] = AwsServices.Iam,
        };

        var missing = ServiceCatalog.All
            .SelectMany(s => s.Operations.Select(op => (services[s.Key].ServiceId, op)))
            .Where(op => !covered.Contains(op))
            .ToList();

        Assert.Empty(missing);
    }

    [AwsCliTheory]
    [MemberData(nameof(Cases))]
    public void Fargo_sends_what_the_AWS_CLI_sends(string name)
    {
        var result = fixture.Result(name);
        var (cli, fargo) = (SingleRequest(result.CliRequests, "the AWS CLI", result), SingleRequest(result.FargoRequests, "Fargo", result));

        Assert.Equal(cli.Method, fargo.Method);
        Assert.Equal(cli.RawPath, fargo.RawPath);
        Assert.Equal(cli.RawQuery, fargo.RawQuery);
        Assert.Equal(cli.GetHeader("X-Amz-Target"), fargo.GetHeader("X-Amz-Target"));
        Assert.Equal(cli.GetHeader("Content-Type"), fargo.GetHeader("Content-Type"));
        Assert.Equal(ScopeOf(cli), ScopeOf(fargo));

        if (result.Case.Service.Protocol == AwsProtocol.Json11)
        {
            var (cliBody, fargoBody) = (JsonNode.Parse(cli.Body.Span), JsonNode.Parse(fargo.Body.Span));
            Assert.True(JsonNode.DeepEquals(cliBody, fargoBody), $"AWS CLI: {cliBody?.ToJsonString()}\nFargo:   {fargoBody?.ToJsonString()}");
        }
        else
        {
            Assert.Equal(FormParameters(cli), FormParameters(fargo));
        }
    }

    [AwsCliTheory]
    [MemberData(nameof(Cases))]
    public void Both_signatures_verify(string name)
    {
        var result = fixture.Result(name);
        var verifier = new SigV4Verifier(
            id => id == CliCaptureFixture.AccessKeyId ? CliCaptureFixture.Credentials : null, TimeProvider.System);

        foreach (var (who, request) in new[] { ("the AWS CLI", SingleRequest(result.CliRequests, "the AWS CLI", result)), ("Fargo", SingleRequest(result.FargoRequests, "Fargo", result)) })
        {
            var verification = verifier.Verify(request, CliCaptureFixture.Region, result.Case.Service.SigningName);
            Assert.True(verification.IsValid, $"{who}'s request did not verify: {verification.Failure}");
        }
    }

    [AwsCliTheory]
    [MemberData(nameof(Cases))]
    public void Fargo_reads_the_AWS_answer_as_the_AWS_CLI_does(string name)
    {
        var result = fixture.Result(name);
        Assert.True(result.CliExitCode == 0, $"aws exited {result.CliExitCode}: {result.CliError}");
        Assert.True(result.FargoError is null, $"Fargo failed: {result.FargoError}");

        var cliOutput = string.IsNullOrWhiteSpace(result.CliOutput) ? new JsonObject() : JsonNode.Parse(result.CliOutput);
        var differences = JsonValueComparer.Differences(cliOutput, result.FargoResponse);

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        if (result.Case.Service.Protocol == AwsProtocol.Json11 && result.Case.Response.Body.Length > 0)
        {
            // Guards against both sides reading nothing: every member of the canned answer reached the CLI's output.
            var canned = JsonNode.Parse(result.Case.Response.Body)!.AsObject();
            Assert.All(canned.Select(m => m.Key), member => Assert.True(cliOutput!.AsObject().ContainsKey(member), $"the CLI dropped '{member}'"));
        }
    }

    private static AwsWireRequest SingleRequest(IReadOnlyList<AwsWireRequest> requests, string who, CaptureResult result)
    {
        Assert.True(requests.Count == 1,
            $"{who} sent {requests.Count} requests (expected 1). CLI exit {result.CliExitCode}: {result.CliError} Fargo: {result.FargoError?.Message}");
        return requests[0];
    }

    /// <summary>
    /// The credential scope's region/service/aws4_request. Its date is each request's own signing day (the verifier
    /// checks it against X-Amz-Date), which differs between the two when the run crosses midnight UTC.
    /// </summary>
    private static string ScopeOf(AwsWireRequest request)
    {
        var authorization = request.GetHeader("Authorization") ?? "";
        var credential = authorization.Split(' ', ',').First(p => p.StartsWith("Credential=", StringComparison.Ordinal));
        return string.Join('/', credential.Split('/').Skip(2));
    }

    private static List<string> FormParameters(AwsWireRequest request) =>
        Encoding.UTF8.GetString(request.Body.Span)
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => Uri.UnescapeDataString(kv[0].Replace('+', ' ')) + "=" + Uri.UnescapeDataString(kv.Length > 1 ? kv[1].Replace('+', ' ') : ""))
            .Order(StringComparer.Ordinal)
            .ToList();
}

/// <summary>A theory that reports skipped, not passed, when the AWS CLI is not installed.</summary>
public sealed class AwsCliTheoryAttribute : TheoryAttribute
{
    public AwsCliTheoryAttribute()
    {
        if (!CliCaptureFixture.CliInstalled)
        {
            Skip = $"The AWS CLI is not at {CliCaptureFixture.AwsCli} (test.sh installs Debian's awscli).";
        }
    }
}
