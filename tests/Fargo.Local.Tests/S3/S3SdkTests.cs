using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.S3;

/// <summary>
/// The local region's S3 through the real AWSSDK.S3, as an app uses it: its default uploads (aws-chunked with a
/// trailing CRC checksum), the transfer utility's multipart upload, listing with pagination, batch deletes, presigned
/// URLs, and virtual-hosted addressing; and `fargo infra down`'s bucket emptier against it.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class S3SdkTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task The_SDK_s_default_upload_is_stored_with_its_checksum_and_read_back_whole_and_in_part()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-objects");
        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "sdk-objects",
            Key = "notes/hello.txt",
            ContentBody = "hello from the SDK",
            ContentType = "text/plain",
            Metadata = { ["purpose"] = "test" },
        });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);

        using var got = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "sdk-objects", Key = "notes/hello.txt", ChecksumMode = ChecksumMode.ENABLED });
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Equal("hello from the SDK", await reader.ReadToEndAsync());
        }

        Assert.Equal("text/plain", got.Headers.ContentType);
        Assert.Equal("test", got.Metadata["purpose"]);
        Assert.Equal(put.ETag, got.ETag);

        using var part = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "sdk-objects", Key = "notes/hello.txt", ByteRange = new ByteRange(6, 9) });
        using (var reader = new StreamReader(part.ResponseStream))
        {
            Assert.Equal("from", await reader.ReadToEndAsync());
        }

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("sdk-objects", "notes/absent.txt"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sdk-absent" }));
        Assert.Equal("NoSuchBucket", noBucket.ErrorCode);
    }

    [Fact]
    public async Task A_body_that_does_not_match_its_checksum_is_refused_and_not_stored()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-checksums");

        var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "sdk-checksums",
            Key = "bad.txt",
            ContentBody = "the real body",
            ChecksumCRC32 = Convert.ToBase64String([1, 2, 3, 4]),
        }));

        Assert.Equal("BadDigest", refused.ErrorCode);
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sdk-checksums" });
        Assert.Empty(listing.S3Objects ?? []);
    }

    [Fact]
    public async Task The_transfer_utility_uploads_in_parts_and_downloads_the_same_bytes()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-multipart");
        var bytes = RandomNumberGenerator.GetBytes(17 * 1024 * 1024 + 5);
        var source = Path.Combine(engine.WorkDirectory, "multipart.bin");
        await File.WriteAllBytesAsync(source, bytes);
        using var transfer = new TransferUtility(s3);

        await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = "sdk-multipart", Key = "big.bin", FilePath = source, PartSize = 5 * 1024 * 1024 });

        var head = await s3.GetObjectMetadataAsync("sdk-multipart", "big.bin");
        Assert.Equal(bytes.Length, head.ContentLength);
        Assert.EndsWith("-4\"", head.ETag, StringComparison.Ordinal);
        var target = Path.Combine(engine.WorkDirectory, "multipart-back.bin");
        await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = "sdk-multipart", Key = "big.bin", FilePath = target });
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));

        var initiated = await s3.InitiateMultipartUploadAsync("sdk-multipart", "abandoned.bin");
        var uploads = await s3.ListMultipartUploadsAsync("sdk-multipart");
        Assert.Equal(initiated.UploadId, Assert.Single(uploads.MultipartUploads).UploadId);
        await s3.AbortMultipartUploadAsync("sdk-multipart", "abandoned.bin", initiated.UploadId);
        Assert.Empty((await s3.ListMultipartUploadsAsync("sdk-multipart")).MultipartUploads ?? []);
    }

    [Fact]
    public async Task Listing_pages_through_keys_and_folds_them_by_delimiter()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-listing");
        var keys = Enumerable.Range(0, 7).Select(i => $"logs/{i:00}.txt").Concat(["a/1", "a/2", "b/1", "top.txt"]).ToList();
        foreach (var key in keys)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-listing", Key = key, ContentBody = key });
        }

        var seen = new List<string>();
        var request = new ListObjectsV2Request { BucketName = "sdk-listing", Prefix = "logs/", MaxKeys = 3 };
        var pages = 0;
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request);
            pages++;
            seen.AddRange(page.S3Objects.Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        Assert.Equal(3, pages);
        Assert.Equal(keys.Where(k => k.StartsWith("logs/", StringComparison.Ordinal)), seen);

        var folded = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sdk-listing", Delimiter = "/" });
        Assert.Equal(["a/", "b/", "logs/"], folded.CommonPrefixes);
        Assert.Equal(["top.txt"], folded.S3Objects.Select(o => o.Key));

        var deleted = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = "sdk-listing", Objects = keys.Select(k => new KeyVersion { Key = k }).ToList() });
        Assert.Equal(keys.Count, deleted.DeletedObjects.Count);
        await s3.DeleteBucketAsync("sdk-listing");
    }

    [Fact]
    public async Task A_presigned_GET_works_with_a_plain_HTTP_client_until_it_expires_and_not_once_tampered_with()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-presign");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-presign", Key = "report.csv", ContentBody = "a,b\n1,2\n" });
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "sdk-presign", Key = "report.csv", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        using var http = new HttpClient();

        Assert.Equal("a,b\n1,2\n", await http.GetStringAsync(url));

        var signature = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..signature] + (url[signature] == '0' ? '1' : '0') + url[(signature + 1)..];
        using var refused = await http.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var shortLived = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "sdk-presign", Key = "report.csv", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddSeconds(1), Protocol = Protocol.HTTP,
        });
        var expired = await Eventually.UntilAsync(
            async () => await (await http.GetAsync(shortLived)).Content.ReadAsStringAsync(),
            text => text.Contains("<Code>AccessDenied</Code>", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the presigned URL to expire");
        Assert.Contains("<Message>Request has expired</Message>", expired, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_with_a_task_role_reaches_its_bucket_through_the_SDK_s_own_variables()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-task-data");
        // The role is IAM's, made by a template as Fargo's are; its policy is what lets the task write.
        await RoleTasks.DeployAsync(engine, "s3writer-role", """
            Resources:
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: s3writer-task
                  AssumeRolePolicyDocument:
                    Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
                  Policies:
                    - PolicyName: write-data
                      PolicyDocument:
                        Statement: [{ Effect: Allow, Action: s3:PutObject, Resource: arn:aws:s3:::sdk-task-data/* }]
            """);
        await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("s3writer", engine.TestServiceImage, "v1", "/test/s3writer"));
        // App code as it runs on AWS: boto3 with no endpoint, region or credentials of its own. It prints who it is
        // and whether any keys were handed to it in variables (on ECS they are not: the SDK fetches the role's).
        const string App = "import boto3, os; boto3.client('s3').put_object(Bucket=os.environ['DATA_BUCKET'], Key='from-task.txt', Body=b'written by the task'); "
            + "print('identity', boto3.client('sts').get_caller_identity()['Arn'], 'static-keys', 'AWS_ACCESS_KEY_ID' in os.environ)";

        var withRole = await RunToEndAsync("arn:aws:iam::000000000000:role/s3writer-task", App);
        var withoutRole = await RunToEndAsync(null, App);

        Assert.True(withRole.Containers![0].ExitCode == 0, (await engine.AwsAsync("logs", "filter-log-events", "--log-group-name", "/test/s3writer")).Out);
        using (var got = await s3.GetObjectAsync("sdk-task-data", "from-task.txt"))
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Equal("written by the task", await reader.ReadToEndAsync());
        }

        var copied = await engine.AwsAsync("s3", "cp", "s3://sdk-task-data/from-task.txt", "-");
        Assert.Equal("written by the task", copied.Out);
        var taskId = withRole.TaskArn![(withRole.TaskArn!.LastIndexOf('/') + 1)..];
        var identity = await engine.AwsAsync("logs", "filter-log-events", "--log-group-name", "/test/s3writer", "--filter-pattern", "identity");
        Assert.Contains($"identity arn:aws:sts::000000000000:assumed-role/s3writer-task/{taskId} static-keys False",
            string.Join("\n", identity.Json().GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString())), StringComparison.Ordinal);

        // The endpoint answers only the task's own token, and only while the task runs.
        var variables = Fargo.Local.Sts.TaskRoleCredentials.Variables(engine.Region.Endpoint, engine.Region.Credentials, withRole.TaskArn!, "arn:aws:iam::000000000000:role/s3writer-task")
            .ToDictionary(v => v.Key, v => v.Value);
        using (var http = new HttpClient())
        {
            async Task<int> StatusWith(string token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"]);
                request.Headers.TryAddWithoutValidation("Authorization", token);
                using var response = await http.SendAsync(request);
                return (int)response.StatusCode;
            }

            Assert.Equal(404, await StatusWith(variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"]));
            Assert.Equal(401, await StatusWith("not-the-token"));
        }

        // As on AWS, a task without a task role gets no credentials.
        Assert.NotEqual(0, withoutRole.Containers![0].ExitCode);
        var logs = await engine.AwsAsync("logs", "filter-log-events", "--log-group-name", "/test/s3writer", "--filter-pattern", "NoCredentialsError");
        Assert.NotEmpty(logs.Json().GetProperty("events").EnumerateArray());
    }

    private Task<Fargo.Aws.Ecs.EcsTask> RunToEndAsync(string? taskRole, string python) =>
        RoleTasks.RunPythonAsync(engine, "s3writer", taskRole, python, ("DATA_BUCKET", "sdk-task-data"));

    [Fact]
    public async Task Virtual_hosted_requests_to_BUCKET_s3_localhost_reach_the_bucket()
    {
        using var pathStyle = Client();
        await pathStyle.PutBucketAsync("sdk-virtual");
        // Names under .localhost are loopback (RFC 6761); this machine's resolver does not say so, so the test's
        // connections go to 127.0.0.1 whatever the host name, as they do where *.localhost resolves.
        using var loopback = new SocketsHttpHandler { ConnectCallback = ConnectToLoopbackAsync };
        var endpoint = new Uri($"http://s3.localhost:{engine.Region.Endpoint.Port}");
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials(engine.Region.Credentials.AccessKeyId, engine.Region.Credentials.SecretAccessKey),
            new AmazonS3Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = "local", ForcePathStyle = false, MaxErrorRetry = 0, HttpClientFactory = new HandlerFactory(loopback) });

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-virtual", Key = "vhost.txt", ContentBody = "by host name" });
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "sdk-virtual", Key = "vhost.txt", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP });

        Assert.StartsWith($"http://sdk-virtual.s3.localhost:{engine.Region.Endpoint.Port}/vhost.txt?", url, StringComparison.Ordinal);
        using var got = await pathStyle.GetObjectAsync("sdk-virtual", "vhost.txt");
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Equal("by host name", await reader.ReadToEndAsync());
        }

        using var http = new HttpClient(loopback, disposeHandler: false);
        Assert.Equal("by host name", await http.GetStringAsync(url));
        using var anonymous = await http.GetAsync($"http://sdk-virtual.s3.localhost:{engine.Region.Endpoint.Port}/vhost.txt");
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }

    internal static AmazonS3Client ClientOf(EngineFixture engine, Uri? endpoint = null, bool forcePathStyle = true) =>
        new(
            new BasicAWSCredentials(engine.Region.Credentials.AccessKeyId, engine.Region.Credentials.SecretAccessKey),
            new AmazonS3Config
            {
                ServiceURL = (endpoint ?? engine.Region.Endpoint).ToString(),
                AuthenticationRegion = "local",
                ForcePathStyle = forcePathStyle,
                MaxErrorRetry = 0,
            });

    private AmazonS3Client Client(Uri? endpoint = null, bool forcePathStyle = true) => ClientOf(engine, endpoint, forcePathStyle);
}
