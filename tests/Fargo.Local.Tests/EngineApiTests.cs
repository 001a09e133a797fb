using System.Net;
using System.Text;
using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Credentials;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.Signing;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;
using Fargo.Local.Artifacts;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// The engine's API surface: SigV4 enforcement, SSM, CloudWatch Logs, STS and the local ECR, through
/// Fargo.Aws, the AWS CLI, `fargo local`, and raw HTTP where a client would refuse to send the request.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EngineApiTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string EcsTarget = "AmazonEC2ContainerServiceV20141113";

    [Fact]
    public async Task A_request_without_a_signature_is_refused()
    {
        using var http = new HttpClient();
        using var request = JsonRequest("ListClusters", "{}");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("MissingAuthenticationTokenException", error.GetProperty("__type").GetString());
        Assert.Equal("Missing Authentication Token", error.GetProperty("message").GetString());

        var cli = await engine.AwsAsync("--no-sign-request", "ecs", "list-clusters");
        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("(MissingAuthenticationTokenException)", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_made_with_the_wrong_secret_is_refused()
    {
        var cli = await AwsCli.RunAsync(engine.Region.Endpoint, engine.Region.Credentials.AccessKeyId, "not-the-local-secret-at-all", engine.WorkDirectory, "ecs", "list-clusters");

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("An error occurred (InvalidSignatureException) when calling the ListClusters operation", cli.Error, StringComparison.Ordinal);
        Assert.Contains("The request signature we calculated does not match the signature you provided.", cli.Error, StringComparison.Ordinal);

        var stranger = await AwsCli.RunAsync(engine.Region.Endpoint, "AKIASTRANGERSTRANGER", engine.Region.Credentials.SecretAccessKey, engine.WorkDirectory, "ecs", "list-clusters");
        Assert.Contains("(UnrecognizedClientException)", stranger.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_and_has_no_effect()
    {
        using var http = new HttpClient();
        using var request = JsonRequest("CreateCluster", """{"clusterName":"signed-name"}""");
        await SignAsync(request);
        request.Content = new StringContent("""{"clusterName":"tampered-name"}""", Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("InvalidSignatureException", error.GetProperty("__type").GetString());
        var clusters = await engine.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = ["tampered-name", "signed-name"] });
        Assert.Empty(clusters.Clusters!);
    }

    [Fact]
    public async Task An_unknown_operation_gets_AWS_s_unknown_operation_error()
    {
        using var http = new HttpClient();
        using var request = JsonRequest("LaunchRockets", "{}");
        await SignAsync(request);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("com.amazon.coral.service#UnknownOperationException", error.GetProperty("__type").GetString());
    }

    [Theory]
    [InlineData("sns", new[] { "sns", "list-topics" }, "ListTopics")]
    [InlineData("lambda", new[] { "lambda", "list-functions" }, "ListFunctions")]
    [InlineData("dynamodb", new[] { "dynamodb", "list-tables" }, "ListTables")]
    [InlineData("sqs", new[] { "sqs", "list-queues" }, "ListQueues")]
    public async Task A_service_the_region_does_not_serve_is_refused_by_name(string service, string[] command, string operation)
    {
        var cli = await AwsCli.RunAsync(engine.Region.Endpoint, engine.Region.Credentials.AccessKeyId, engine.Region.Credentials.SecretAccessKey, engine.WorkDirectory, command);

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains($"An error occurred (NotServedByLocalRegion) when calling the {operation} operation", cli.Error, StringComparison.Ordinal);
        Assert.Contains($"The local region does not serve the AWS service '{service}'", cli.Error, StringComparison.Ordinal);
        Assert.Contains("It serves: ", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SignatureDoesNotMatch", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_an_unserved_service_with_a_wrong_signature_is_still_refused_as_unauthenticated()
    {
        var cli = await AwsCli.RunAsync(engine.Region.Endpoint, engine.Region.Credentials.AccessKeyId, "not-the-local-secret-at-all", engine.WorkDirectory, "sns", "list-topics");

        Assert.NotEqual(0, cli.ExitCode);
        Assert.DoesNotContain("NotServedByLocalRegion", cli.Error, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task STS_says_who_is_calling_and_refuses_unsigned_Query_requests()
    {
        var identity = await engine.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("000000000000", identity.Account);

        var cli = await engine.AwsAsync("sts", "get-caller-identity");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal("arn:aws:iam::000000000000:root", cli.Json().GetProperty("Arn").GetString());

        using var http = new HttpClient();
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, engine.Region.Endpoint)
        {
            Content = new StringContent("Action=GetCallerIdentity&Version=2011-06-15", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await http.SendAsync(unsigned);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecureString_parameters_are_encrypted_at_rest_and_readable_by_path_with_decryption()
    {
        await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/shop/db/password", Value = "plaintext-pa55word", Type = ParameterType.SecureString });
        var put = await engine.AwsAsync("ssm", "put-parameter", "--name", "/shop/db/host", "--type", "String", "--value", "db.local");
        Assert.True(put.ExitCode == 0, put.ToString());
        await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/shop/feature", Value = "on", Type = ParameterType.String });

        var decrypted = await engine.AwsAsync("ssm", "get-parameters-by-path", "--path", "/shop", "--recursive", "--with-decryption");
        var plain = await engine.AwsAsync("ssm", "get-parameters-by-path", "--path", "/shop", "--recursive");
        var oneLevel = await engine.AwsAsync("ssm", "get-parameters-by-path", "--path", "/shop");

        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        var values = decrypted.Json().GetProperty("Parameters").EnumerateArray().ToDictionary(p => p.GetProperty("Name").GetString()!, p => p.GetProperty("Value").GetString());
        Assert.Equal("plaintext-pa55word", values["/shop/db/password"]);
        Assert.Equal("db.local", values["/shop/db/host"]);
        Assert.Equal(3, values.Count);
        var hidden = plain.Json().GetProperty("Parameters").EnumerateArray().Single(p => p.GetProperty("Name").GetString() == "/shop/db/password");
        Assert.NotEqual("plaintext-pa55word", hidden.GetProperty("Value").GetString());
        Assert.Equal(["/shop/feature"], oneLevel.Json().GetProperty("Parameters").EnumerateArray().Select(p => p.GetProperty("Name").GetString()));

        // At rest: no trace of the value in the engine's database files.
        foreach (var file in Directory.EnumerateFiles(engine.Home.LocalDirectory, "state.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.DoesNotContain("plaintext-pa55word", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetParametersByPath_pages_through_every_parameter()
    {
        for (var i = 0; i < 12; i++)
        {
            await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = $"/paged/p{i:D2}", Value = "v" + i, Type = ParameterType.String });
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await engine.Ssm.GetParametersByPathAsync(new GetParametersByPathRequest { Path = "/paged", MaxResults = 5, NextToken = token });
            names.AddRange(page.Parameters!.Select(p => p.Name!));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"/paged/p{i:D2}"), names);
    }

    [Fact]
    public async Task SSM_errors_are_AWS_s_errors()
    {
        await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/dup", Value = "1", Type = ParameterType.String });

        var exists = await Assert.ThrowsAsync<AwsServiceException>(() =>
            engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/dup", Value = "2", Type = ParameterType.String }));
        var overwritten = await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/dup", Value = "2", Overwrite = true });
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => engine.Ssm.GetParameterAsync(new GetParameterRequest { Name = "/nothing/here" }));
        var byVersion = await engine.Ssm.GetParameterAsync(new GetParameterRequest { Name = "/dup:1" });

        Assert.Equal("ParameterAlreadyExists", exists.Code);
        Assert.Equal(2, overwritten.Version);
        Assert.Equal("ParameterNotFound", missing.Code);
        Assert.Equal("1", byVersion.Parameter!.Value);
        var cli = await engine.AwsAsync("ssm", "get-parameter", "--name", "/nothing/here");
        Assert.Contains("(ParameterNotFound)", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_groups_have_retention_and_missing_ones_are_AWS_errors()
    {
        await engine.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = "/retained" });
        await engine.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = "/retained", RetentionInDays = 14 });

        var groups = await engine.AwsAsync("logs", "describe-log-groups", "--log-group-name-prefix", "/retained");
        var again = await Assert.ThrowsAsync<AwsServiceException>(() => engine.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = "/retained" }));
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() =>
            engine.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/no/such/group" }));
        var badRetention = await Assert.ThrowsAsync<AwsServiceException>(() =>
            engine.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = "/retained", RetentionInDays = 13 }));

        var group = Assert.Single(groups.Json().GetProperty("logGroups").EnumerateArray());
        Assert.Equal(14, group.GetProperty("retentionInDays").GetInt32());
        Assert.Equal("arn:aws:logs:local:000000000000:log-group:/retained:*", group.GetProperty("arn").GetString());
        Assert.Equal("ResourceAlreadyExistsException", again.Code);
        Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist."), (missing.Code, missing.Message));
        Assert.Equal("InvalidParameterException", badRetention.Code);
    }

    [Fact]
    public async Task Fargo_local_import_stores_an_image_by_digest_that_ECR_describes_and_retags()
    {
        var folder = Path.Combine(engine.WorkDirectory, "import-me");
        TestService.WriteArtifact(folder);
        File.WriteAllText(Path.Combine(folder, "run.sh"), "#!/bin/sh\nexec python3 server.py\n");
        File.SetUnixFileMode(Path.Combine(folder, "run.sh"), (UnixFileMode)0b111_101_101);
        var expectedDigest = ArtifactManifest.FromDirectory(folder).Digest;

        var import = await engine.FargoAsync("local", "import", folder, "shop/api:r1");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal($"000000000000.dkr.ecr.local.localhost/shop/api@{expectedDigest}", import.Out.Trim());

        var images = await engine.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "shop/api" });
        var image = Assert.Single(images.ImageDetails!);
        Assert.Equal(expectedDigest, image.ImageDigest);
        Assert.Equal(["r1"], image.ImageTags);

        // The usual ECR retag: BatchGetImage for the manifest, then PutImage with it and a new tag (AWS CLI).
        var got = await engine.AwsAsync("ecr", "batch-get-image", "--repository-name", "shop/api", "--image-ids", "imageTag=r1");
        Assert.True(got.ExitCode == 0, got.ToString());
        var manifest = got.Json().GetProperty("images")[0].GetProperty("imageManifest").GetString()!;
        var put = await engine.AwsAsync("ecr", "put-image", "--repository-name", "shop/api", "--image-tag", "prod", "--image-manifest", manifest);
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Equal(expectedDigest, put.Json().GetProperty("image").GetProperty("imageId").GetProperty("imageDigest").GetString());

        var retagged = await engine.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "shop/api", ImageIds = [new ImageIdentifier { ImageTag = "prod" }] });
        Assert.Equal(["r1", "prod"], Assert.Single(retagged.ImageDetails!).ImageTags);
        var again = await engine.AwsAsync("ecr", "put-image", "--repository-name", "shop/api", "--image-tag", "prod", "--image-manifest", manifest);
        Assert.Contains("(ImageAlreadyExistsException)", again.Error, StringComparison.Ordinal);

        var repositories = await engine.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = ["shop/api"] });
        Assert.Equal("000000000000.dkr.ecr.local.localhost/shop/api", Assert.Single(repositories.Repositories!).RepositoryUri);
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => engine.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = ["nope"] }));
        Assert.Equal("RepositoryNotFoundException", missing.Code);

        // A task runs in the imported folder, executable bit and all, when its image names the digest.
        var definition = TestService.TaskDefinition("imported", import.Out.Trim(), "v9", "/test/imported");
        await engine.Ecs.RegisterTaskDefinitionAsync(definition with { ContainerDefinitions = [definition.ContainerDefinitions[0] with { Command = ["./run.sh"] }] });
        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = "imported" });
        var running = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [run.Tasks![0].TaskArn!] })).Tasks![0],
            t => t.LastStatus == "RUNNING" && t.HealthStatus == HealthStatus.Healthy,
            TimeSpan.FromSeconds(30),
            "the imported image's task to be healthy",
            t => $"{t.LastStatus} {t.HealthStatus} {t.StoppedReason}");
        Assert.Equal(expectedDigest, running.Containers![0].ImageDigest);
        Assert.Equal("v9", (await EngineFixture.GetAsync(running)).Version);
        await engine.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "test", Task = running.TaskArn! });
    }

    [Fact]
    public async Task A_task_whose_image_is_not_in_the_local_registry_fails_to_start_as_on_ECS()
    {
        var definition = TestService.TaskDefinition("nowhere", "000000000000.dkr.ecr.local.localhost/absent:v1", "v1", "/test/nowhere");
        await engine.Ecs.RegisterTaskDefinitionAsync(definition);

        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = "nowhere" });

        var stopped = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [run.Tasks![0].TaskArn!] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(30),
            "the task to stop",
            t => t.LastStatus!);
        Assert.Equal(TaskStopCode.TaskFailedToStart, stopped.StopCode);
        Assert.StartsWith("CannotPullContainerError:", stopped.StoppedReason, StringComparison.Ordinal);
        Assert.Null(stopped.StartedAt);
    }

    [Fact]
    public async Task Fargo_local_env_prints_exports_that_the_AWS_CLI_can_use()
    {
        var env = await engine.FargoAsync("local", "env");

        Assert.True(env.ExitCode == 0, env.ToString());
        var exports = env.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        Assert.Equal(engine.Region.Credentials.AccessKeyId, exports["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("local", exports["AWS_REGION"]);
        Assert.Equal(engine.Region.Endpoint.ToString().TrimEnd('/'), exports["AWS_ENDPOINT_URL"]);
        var cli = await AwsCli.RunAsync(new Uri(exports["AWS_ENDPOINT_URL"]), exports["AWS_ACCESS_KEY_ID"], exports["AWS_SECRET_ACCESS_KEY"], engine.WorkDirectory, "sts", "get-caller-identity");
        Assert.True(cli.ExitCode == 0, cli.ToString());

        var status = await engine.FargoAsync("local", "status", "--output", "json");
        var json = status.Json();
        Assert.True(json.GetProperty("running").GetBoolean());
        Assert.Equal(engine.Region.ProcessId, json.GetProperty("pid").GetInt32());
        Assert.DoesNotContain(engine.Region.Credentials.SecretAccessKey, status.Out, StringComparison.Ordinal);

        var mode = File.GetUnixFileMode(engine.Home.CredentialsFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    private HttpRequestMessage JsonRequest(string operation, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, engine.Region.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{EcsTarget}.{operation}");
        return request;
    }

    private Task SignAsync(HttpRequestMessage request) =>
        SigV4Signer.SignAsync(
            request,
            new AwsCredentials(engine.Region.Credentials.AccessKeyId, engine.Region.Credentials.SecretAccessKey),
            new SigV4SigningOptions("local", "ecs"),
            DateTimeOffset.UtcNow,
            CancellationToken.None);

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
