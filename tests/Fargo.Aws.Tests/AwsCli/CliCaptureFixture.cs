using System.Diagnostics;
using System.Text.Json.Nodes;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Aws.Tests.AwsCli.Cases;

namespace Fargo.Aws.Tests.AwsCli;

/// <summary>What happened when the AWS CLI and Fargo.Aws each made one case's call.</summary>
public sealed record CaptureResult(
    CliCase Case,
    IReadOnlyList<AwsWireRequest> CliRequests,
    int CliExitCode,
    string CliOutput,
    string CliError,
    IReadOnlyList<AwsWireRequest> FargoRequests,
    JsonNode? FargoResponse,
    Exception? FargoError);

/// <summary>
/// Runs every case once for the whole class: each on its own capture server, the AWS CLI calls a few at a time
/// (each is a Python start-up of about a second), Fargo's calls beside them.
/// </summary>
public sealed class CliCaptureFixture : IAsyncLifetime
{
    public const string AccessKeyId = "AKIDFARGOCAPTURE01";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYFARGOCAPTURE";
    public const string Region = "us-east-1";
    public const string AwsCli = "/usr/bin/aws";
    private const int CliParallelism = 4;

    private readonly string _home = Directory.CreateTempSubdirectory("fargo-awscli-").FullName;
    private Dictionary<string, CaptureResult> _results = [];

    public static AwsCredentials Credentials { get; } = new(AccessKeyId, SecretAccessKey);

    public static bool CliInstalled => File.Exists(AwsCli);

    public static IReadOnlyList<CliCase> Cases { get; } =
    [
        .. EcsCases.All(),
        .. ElasticLoadBalancingV2Cases.All(),
        .. EcrCases.All(),
        .. SsmCases.All(),
        .. CloudWatchLogsCases.All(),
        .. CloudFormationCases.All(),
        .. SecretsManagerCases.All(),
        .. StsCases.All(),
        .. ApplicationAutoScalingCases.All(),
        .. IamCases.All(),
    ];

    public CaptureResult Result(string name) => _results[name];

    public async Task InitializeAsync()
    {
        if (!CliInstalled)
        {
            return;
        }
        using var gate = new SemaphoreSlim(CliParallelism);
        var results = await Task.WhenAll(Cases.Select(c => RunAsync(c, gate)));
        _results = results.ToDictionary(r => r.Case.Name);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_home, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<CaptureResult> RunAsync(CliCase testCase, SemaphoreSlim gate)
    {
        await using var server = new CaptureServer(testCase.Response);

        int exitCode;
        string output, error;
        await gate.WaitAsync();
        try
        {
            (exitCode, output, error) = await RunCliAsync(testCase, server.Endpoint);
        }
        finally
        {
            gate.Release();
        }
        var cliRequests = server.TakeRequests();

        JsonNode? fargoResponse = null;
        Exception? fargoError = null;
        using (var http = new AwsHttpClient(new AwsClientOptions
        {
            Region = Region,
            Credentials = new StaticAwsCredentialsProvider(Credentials),
            Endpoints = AwsEndpointResolver.Fixed(server.Endpoint),
        }))
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                fargoResponse = await testCase.RunFargoAsync(http, timeout.Token);
            }
            catch (Exception e) when (e is AwsException or OperationCanceledException or System.Text.Json.JsonException)
            {
                fargoError = e;
            }
        }

        return new CaptureResult(testCase, cliRequests, exitCode, output, error, server.TakeRequests(), fargoResponse, fargoError);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunCliAsync(CliCase testCase, Uri endpoint)
    {
        var start = new ProcessStartInfo(AwsCli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in testCase.CliArguments())
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json", "--no-cli-pager", "--no-paginate" })
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from the developer's own AWS setup may leak in: no profile, no endpoint override, no real keys.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey;
        start.Environment["AWS_REGION"] = Region;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["HOME"] = _home;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
