using System.Text.Json.Nodes;
using Fargo.Cli.Commands.Infra;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.S3;

/// <summary>
/// Buckets made by CloudFormation from the example's synthesized template (the prod service stack's data and reports
/// buckets, as Fargo.Infrastructure's snapshot holds them): versioning and the policy applied, a non-empty bucket's
/// deletion refused as on AWS until `infra down`'s emptier (the real AWSSDK.S3) has removed every version and delete
/// marker, and DeletionPolicy Retain honoured.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class S3StackTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string AccessLogsExport = "fargo-prod:ExportsOutputRefAccessLogsBucket8398268993F214BC";

    [Fact]
    public async Task The_template_s_data_bucket_is_real_refuses_deletion_while_full_and_goes_once_emptied()
    {
        await CreateStackAsync("s3-env", new JsonObject
        {
            ["Resources"] = new JsonObject { ["AccessLogsBucket"] = new JsonObject { ["Type"] = "AWS::S3::Bucket" } },
            ["Outputs"] = new JsonObject
            {
                ["AccessLogs"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "AccessLogsBucket" }, ["Export"] = new JsonObject { ["Name"] = AccessLogsExport } },
            },
        });
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("tests", "Fargo.Infrastructure.Tests", "Snapshots", "prod", "fargo-prod-todo-api.template.json")))!;
        var resources = snapshot["Resources"]!.AsObject();
        var data = resources["DataBucketE3889A50"]!.DeepClone().AsObject();
        // What the same stack synthesizes where buckets are not kept (qa, local): removal policy DESTROY.
        data["DeletionPolicy"] = "Delete";
        data["UpdateReplacePolicy"] = "Delete";
        var template = new JsonObject
        {
            ["Resources"] = new JsonObject
            {
                ["DataBucketE3889A50"] = data,
                ["DataBucketPolicy3231C704"] = resources["DataBucketPolicy3231C704"]!.DeepClone(),
                ["ReportsBucket4E7C5994"] = resources["ReportsBucket4E7C5994"]!.DeepClone(),
            },
            ["Outputs"] = new JsonObject
            {
                ["DataBucketName"] = snapshot["Outputs"]!["DataBucketName"]!.DeepClone(),
                ["ReportsBucketName"] = snapshot["Outputs"]!["ReportsBucketName"]!.DeepClone(),
            },
        };
        var outputs = await CreateStackAsync("s3-service", template);
        var bucket = outputs["DataBucketName"];
        Assert.StartsWith("s3-service-databucket", bucket, StringComparison.Ordinal);

        Assert.Equal("Enabled", Ok(await engine.AwsAsync("s3api", "get-bucket-versioning", "--bucket", bucket)).Json().GetProperty("Status").GetString());
        Assert.Contains("aws:SecureTransport", Ok(await engine.AwsAsync("s3api", "get-bucket-policy", "--bucket", bucket)).Json().GetProperty("Policy").GetString(), StringComparison.Ordinal);
        var file = Path.Combine(engine.WorkDirectory, "stack-object.txt");
        await File.WriteAllTextAsync(file, "v1");
        Ok(await engine.AwsAsync("s3", "cp", file, $"s3://{bucket}/export.txt"));
        await File.WriteAllTextAsync(file, "v2");
        Ok(await engine.AwsAsync("s3", "cp", file, $"s3://{bucket}/export.txt"));
        Ok(await engine.AwsAsync("s3", "rm", $"s3://{bucket}/export.txt"));

        Ok(await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "s3-service"));
        var failed = await SettledAsync("s3-service");
        Assert.Equal("DELETE_FAILED", failed.Status);
        var events = Ok(await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", "s3-service")).Out;
        Assert.Contains("The bucket you tried to delete is not empty", events, StringComparison.Ordinal);

        using (var emptier = new S3BucketEmptier(engine.Region.ClientOptions()))
        {
            Assert.Equal(3, await emptier.EmptyAsync(bucket, CancellationToken.None));
            Assert.Equal(0, await emptier.EmptyAsync("no-such-bucket-at-all", CancellationToken.None));
        }

        Ok(await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "s3-service"));
        var deleted = await SettledAsync(failed.Id);
        Assert.Equal("DELETE_COMPLETE", deleted.Status);
        Assert.Contains("(404)", (await engine.AwsAsync("s3api", "head-bucket", "--bucket", bucket)).Error, StringComparison.Ordinal);
        // The reports bucket is DeletionPolicy Retain in the template: it outlives the stack.
        Ok(await engine.AwsAsync("s3api", "head-bucket", "--bucket", outputs["ReportsBucketName"]));
    }

    private async Task<Dictionary<string, string>> CreateStackAsync(string name, JsonObject template)
    {
        var path = Path.Combine(engine.WorkDirectory, name + ".template.json");
        await File.WriteAllTextAsync(path, template.ToJsonString());
        Ok(await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", name, "--template-body", "file://" + path));
        var settled = await SettledAsync(name);
        Assert.True(settled.Status == "CREATE_COMPLETE", settled.ToString());
        var stack = Ok(await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", name)).Json().GetProperty("Stacks")[0];
        return stack.TryGetProperty("Outputs", out var outputs)
            ? outputs.EnumerateArray().ToDictionary(o => o.GetProperty("OutputKey").GetString()!, o => o.GetProperty("OutputValue").GetString()!)
            : [];
    }

    private async Task<(string Id, string Status)> SettledAsync(string nameOrId)
    {
        var stack = await Eventually.UntilAsync(
            async () => Ok(await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", nameOrId)).Json().GetProperty("Stacks")[0],
            s => !s.GetProperty("StackStatus").GetString()!.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            $"stack {nameOrId} to settle",
            s => s.ToString());
        return (stack.GetProperty("StackId").GetString()!, stack.GetProperty("StackStatus").GetString()!);
    }

    private static ProcessResult Ok(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
