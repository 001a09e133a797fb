using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Aws.Http;
using Fargo.Cli.Commands.Infra;
using Fargo.Local.CloudFront;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.CloudFront;

/// <summary>
/// The reports bucket's CloudFront distribution, made by CloudFormation from the example's prod service template
/// (Fargo.Infrastructure's snapshot: bucket, bucket policy for cloudfront.amazonaws.com with AWS:SourceArn, origin
/// access control, distribution), served on a loopback address of its own: objects uploaded with the AWS CLI come
/// back through it with ranges, ETag and Last-Modified; "/" is the default root object; a missing object is 403 as
/// CloudFront with an S3 origin answers without s3:ListBucket (404 with it); without the policy's grant, or with a
/// grant for another distribution, 403 AccessDenied; S3 itself stays closed to anonymous requests; after a crash
/// and restart of the engine the distribution answers at the same address.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DistributionTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string AccessLogsExport = "fargo-prod:ExportsOutputRefAccessLogsBucket8398268993F214BC";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    [Fact]
    public async Task The_reports_distribution_serves_the_bucket_only_as_its_policy_grants()
    {
        var (bucket, reportsUrl) = await CreateReportsStackAsync();
        var distribution = await DescribeAsync(new Uri(reportsUrl).Host);
        var url = new Uri(distribution.LocalUrl);
        Assert.Matches(@"^https://d[a-z0-9]{13}\.cloudfront\.net$", reportsUrl);
        Assert.Matches(@"^http://127\.1\.\d+\.\d+:10080/$", distribution.LocalUrl);
        Assert.Equal(bucket, distribution.OriginBucket);

        await UploadAsync(bucket, "reports/q3.csv", "quarter,revenue\nq3,1200\n");
        await UploadAsync(bucket, "index.html", "<h1>reports</h1>");
        var head = Ok(await engine.AwsAsync("s3api", "head-object", "--bucket", bucket, "--key", "reports/q3.csv")).Json();

        using var whole = await Http.GetAsync(new Uri(url, "reports/q3.csv"));
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("quarter,revenue\nq3,1200\n", await whole.Content.ReadAsStringAsync());
        Assert.Equal(head.GetProperty("ETag").GetString(), whole.Headers.ETag?.ToString());
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Equal("Miss from cloudfront", whole.Headers.GetValues("X-Cache").Single());

        using var range = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "reports/q3.csv"));
        range.Headers.Range = new RangeHeaderValue(0, 6);
        using var part = await Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("quarter", await part.Content.ReadAsStringAsync());
        Assert.Equal("bytes 0-6/24", part.Content.Headers.ContentRange?.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "reports/q3.csv"));
        conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        using var notModified = await Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var headRequest = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(url, "reports/q3.csv")));
        Assert.Equal(HttpStatusCode.OK, headRequest.StatusCode);
        Assert.Equal(24, headRequest.Content.Headers.ContentLength);

        Assert.Equal("<h1>reports</h1>", await Http.GetStringAsync(url));

        // A crash and a restart: the distribution is served again at the same address.
        await engine.KillEngineAsync();
        await engine.StartAsync();
        Assert.Equal(distribution.LocalUrl, (await DescribeAsync(distribution.DomainName)).LocalUrl);
        Assert.Equal("<h1>reports</h1>", await Http.GetStringAsync(url));

        // The policy grants s3:GetObject only: S3 does not tell CloudFront whether a key exists.
        await AssertDeniedAsync(new Uri(url, "reports/missing.csv"));
        using var post = await Http.PostAsync(new Uri(url, "reports/q3.csv"), new StringContent("x"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("not configured to allow the HTTP request method", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // S3 itself: an anonymous request for the same object is refused.
        using var anonymous = await Http.GetAsync(new Uri(engine.Region.Endpoint, $"{bucket}/reports/q3.csv"));
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var granted = Ok(await engine.AwsAsync("s3api", "get-bucket-policy", "--bucket", bucket)).Json().GetProperty("Policy").GetString()!;
        var withList = JsonNode.Parse(granted)!.AsObject();
        var listing = withList["Statement"]!.AsArray().Last()!.DeepClone().AsObject();
        listing["Action"] = "s3:ListBucket";
        listing["Resource"] = $"arn:aws:s3:::{bucket}";
        withList["Statement"]!.AsArray().Add(listing);
        await PutPolicyAsync(bucket, withList.ToJsonString());
        using var missing = await Http.GetAsync(new Uri(url, "reports/missing.csv"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<Code>NoSuchKey</Code>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await PutPolicyAsync(bucket, granted.Replace(distribution.Id, "E0THERDISTRIB0", StringComparison.Ordinal));
        await AssertDeniedAsync(new Uri(url, "reports/q3.csv"));

        Ok(await engine.AwsAsync("s3api", "delete-bucket-policy", "--bucket", bucket));
        await AssertDeniedAsync(new Uri(url, "reports/q3.csv"));

        await DeleteStackAsync(bucket);
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(url));
    }

    private static async Task AssertDeniedAsync(Uri uri)
    {
        using var denied = await Http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Error from cloudfront", denied.Headers.GetValues("X-Cache").Single());
    }

    /// <summary>The prod service template's reports bucket, policy, origin access control and distribution, in a stack of their own.</summary>
    private async Task<(string Bucket, string ReportsUrl)> CreateReportsStackAsync()
    {
        await CreateStackAsync("cf-env", new JsonObject
        {
            ["Resources"] = new JsonObject { ["AccessLogsBucket"] = new JsonObject { ["Type"] = "AWS::S3::Bucket" } },
            ["Outputs"] = new JsonObject
            {
                ["AccessLogs"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "AccessLogsBucket" }, ["Export"] = new JsonObject { ["Name"] = AccessLogsExport } },
            },
        });
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("tests", "Fargo.Infrastructure.Tests", "Snapshots", "prod", "fargo-prod-todo-api.template.json")))!;
        var resources = new JsonObject();
        foreach (var (id, resource) in snapshot["Resources"]!.AsObject())
        {
            if (id.StartsWith("Reports", StringComparison.Ordinal))
            {
                var copy = resource!.DeepClone().AsObject();
                // As the stack synthesizes where buckets are not kept (qa, local): removal policy DESTROY.
                copy.Remove("DeletionPolicy");
                copy.Remove("UpdateReplacePolicy");
                resources[id] = copy;
            }
        }

        Assert.Equal(
            ["AWS::CloudFront::Distribution", "AWS::CloudFront::OriginAccessControl", "AWS::S3::Bucket", "AWS::S3::BucketPolicy"],
            resources.Select(r => r.Value!["Type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var outputs = await CreateStackAsync("cf-reports", new JsonObject
        {
            ["Resources"] = resources,
            ["Outputs"] = new JsonObject
            {
                ["ReportsBucketName"] = snapshot["Outputs"]!["ReportsBucketName"]!.DeepClone(),
                ["ReportsUrl"] = snapshot["Outputs"]!["ReportsUrl"]!.DeepClone(),
            },
        });
        return (outputs["ReportsBucketName"], outputs["ReportsUrl"]);
    }

    private async Task<DistributionDescription> DescribeAsync(string domainName)
    {
        using var http = new AwsHttpClient(engine.Region.ClientOptions());
        var described = await new LocalDistributionsClient(http).DescribeDistributionsAsync(new DescribeDistributionsRequest());
        return Assert.Single(described.Distributions, d => d.DomainName == domainName);
    }

    private async Task UploadAsync(string bucket, string key, string content)
    {
        var file = Path.Combine(engine.WorkDirectory, "upload-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, content);
        Ok(await engine.AwsAsync("s3", "cp", file, $"s3://{bucket}/{key}"));
    }

    private async Task PutPolicyAsync(string bucket, string policy)
    {
        var file = Path.Combine(engine.WorkDirectory, "policy-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, policy);
        Ok(await engine.AwsAsync("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", "file://" + file));
    }

    private async Task DeleteStackAsync(string bucket)
    {
        using (var emptier = new S3BucketEmptier(engine.Region.ClientOptions()))
        {
            await emptier.EmptyAsync(bucket, CancellationToken.None);
        }

        var id = Ok(await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "cf-reports")).Json().GetProperty("Stacks")[0].GetProperty("StackId").GetString()!;
        Ok(await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "cf-reports"));
        var deleted = await Eventually.UntilAsync(
            async () => Ok(await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", id)).Json().GetProperty("Stacks")[0].GetProperty("StackStatus").GetString()!,
            status => !status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "stack cf-reports to be deleted",
            status => status);
        Assert.Equal("DELETE_COMPLETE", deleted);
    }

    private async Task<Dictionary<string, string>> CreateStackAsync(string name, JsonObject template)
    {
        var path = Path.Combine(engine.WorkDirectory, name + ".template.json");
        await File.WriteAllTextAsync(path, template.ToJsonString());
        Ok(await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", name, "--template-body", "file://" + path));
        var stack = await Eventually.UntilAsync(
            async () => Ok(await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", name)).Json().GetProperty("Stacks")[0],
            s => !s.GetProperty("StackStatus").GetString()!.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            $"stack {name} to settle",
            s => s.ToString());
        if (stack.GetProperty("StackStatus").GetString() != "CREATE_COMPLETE")
        {
            var events = (await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", name)).Out;
            Assert.Fail($"{name}: {stack}\n{events}");
        }

        return stack.TryGetProperty("Outputs", out var outputs)
            ? outputs.EnumerateArray().ToDictionary(o => o.GetProperty("OutputKey").GetString()!, o => o.GetProperty("OutputValue").GetString()!)
            : [];
    }

    private static ProcessResult Ok(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
