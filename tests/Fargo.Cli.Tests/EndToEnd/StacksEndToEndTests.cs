using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fargo.Aws.CloudFormation;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Ssm;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// The AWS flow on the local region, through the same stacks: `fargo infra up --env local` (the service at desired
/// count 0), then `fargo deploy --version V` (0 → the configured count); the stacks DescribeStacks lists; the
/// database credentials from the generated Secrets Manager secret, and under the app's own names ([database] env, a
/// composed DATABASE_URL psql connects with); a [health]/drain change reaching the target group
/// through `fargo up`; the immutable repository refusing a re-pushed tag; the app writing to its data bucket, read back
/// with the AWS CLI; a reports bucket served through its local CloudFront distribution, whose URL `fargo status` shows;
/// and `fargo infra down --env local` emptying and deleting both buckets. The steps build on each other.
/// </summary>
[Collection(LocalRegionCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class StacksEndToEndTests(LocalRegionFixture region, StacksEndToEndTests.Story story) : IClassFixture<StacksEndToEndTests.Story>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private string Folder => story.Project.Path;

    private Task<CliResult> Fargo(params string[] args) => region.FargoAsync(Folder, args);

    [Fact]
    [Step(1)]
    public async Task Infra_up_local_creates_both_stacks_with_the_service_at_0_and_deploy_brings_it_to_the_configured_count()
    {
        // The stacks of one service: the example's API without its worker (TodoAppEndToEndTests runs the whole app).
        story.Project.OnlyTheApi();
        story.Project.Rename("stacks-api");
        var infra = await Fargo("infra", "up", "--env", "local");
        // As on AWS, the parameter [secrets] names must exist before tasks can start (only `fargo up` generates it locally).
        await region.AwsClientAsync((http, token) => new SsmClient(http).PutParameterAsync(
            new PutParameterRequest { Name = "/shared/todo/api-key", Value = "stacks-e2e", Type = ParameterType.SecureString, Overwrite = true }, token));
        var stacks = await DescribeStacksAsync();
        var before = await StatusAsync();
        var build = await Fargo("build", "--version", "v1");
        var push = await Fargo("push", "--version", "v1");
        var deploy = await Fargo("deploy", "--version", "v1");
        var after = await StatusAsync();

        Assert.True(infra.ExitCode == 0, region.Explain(infra));
        Assert.Contains("fargo-local", stacks);
        Assert.Contains("fargo-local-stacks-api", stacks);
        Assert.Equal((0, 0), before);
        Assert.True(build.ExitCode == 0 && push.ExitCode == 0, build + "\n" + push);
        Assert.True(deploy.ExitCode == 0, region.Explain(deploy));
        Assert.Contains("The service runs no task (desired count 0): starting 2", deploy.Out, StringComparison.Ordinal);
        Assert.Equal((2, 2), after);
    }

    [Fact]
    [Step(2)]
    public async Task The_task_gets_DB_HOST_to_DB_PASSWORD_from_the_generated_Secrets_Manager_secret()
    {
        var taskdef = await Fargo("status", "--output", "json");
        var definition = await region.AwsClientAsync((http, token) => new Fargo.Aws.Ecs.EcsClient(http).DescribeTaskDefinitionAsync(new Fargo.Aws.Ecs.DescribeTaskDefinitionRequest { TaskDefinition = "stacks-api-local" }, token));
        var secrets = definition.TaskDefinition!.ContainerDefinitions![0].Secrets!.ToDictionary(s => s.Name!, s => s.ValueFrom!);
        var connects = await Fargo("run", "--", "sh", "-c", "test -n \"$DB_HOST\" && test -n \"$DB_PORT\" && test \"$DB_NAME\" = todo && test \"$DB_USER\" = fargo && test -n \"$DB_PASSWORD\"");

        Assert.True(taskdef.ExitCode == 0, region.Explain(taskdef));
        foreach (var name in new[] { "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD" })
        {
            Assert.StartsWith("arn:aws:secretsmanager:local:000000000000:secret:", secrets[name], StringComparison.Ordinal);
        }

        Assert.EndsWith(":password::", secrets["DB_PASSWORD"], StringComparison.Ordinal);
        Assert.True(connects.ExitCode == 0, region.Explain(connects));
    }

    [Fact]
    [Step(3)]
    public async Task The_app_s_own_database_variable_names_reach_the_task_and_connect()
    {
        // The app names what it reads: the password once more as DB_PWD, and a composed DATABASE_URL (the todo API
        // itself still reads DB_HOST … DB_PASSWORD, so those stay).
        story.Project.Edit(
            "version = \"16\"",
            "version = \"16\"\nenv = { DB_HOST = \"host\", DB_PORT = \"port\", DB_NAME = \"dbname\", DB_USER = \"username\", DB_PASSWORD = \"password\", DB_PWD = \"password\", DATABASE_URL = \"url\" }");

        var infra = await Fargo("infra", "up", "--env", "local");
        var connects = await Fargo("run", "--", "sh", "-c",
            "psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -n 1) && test -n \"$DB_PWD\" && test \"$DB_PWD\" = \"$DB_PASSWORD\" "
            + "&& case \"$DATABASE_URL\" in postgresql://fargo:*@*/todo) ;; *) exit 3;; esac "
            + "&& test \"$(\"$psql\" \"$DATABASE_URL\" -tAc 'select current_user')\" = fargo");

        Assert.True(infra.ExitCode == 0, region.Explain(infra));
        Assert.True(connects.ExitCode == 0, region.Explain(connects));
    }

    [Fact]
    [Step(4)]
    public async Task A_health_and_drain_change_reaches_the_target_group_through_fargo_up()
    {
        story.Project.Edit("path = \"/_health\"", "path = \"/_health?deep=1\"");
        story.Project.Edit("drain = \"30s\"", "drain = \"12s\"");

        var up = await Fargo("up", "--version", "v2");
        var group = await region.AwsClientAsync((http, token) => new ElasticLoadBalancingV2Client(http).DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = ["stacks-api-local"] }, token));
        var arn = group.TargetGroups![0].TargetGroupArn!;
        var attributes = await region.AwsClientAsync((http, token) => new ElasticLoadBalancingV2Client(http).DescribeTargetGroupAttributesAsync(new DescribeTargetGroupAttributesRequest { TargetGroupArn = arn }, token));

        Assert.True(up.ExitCode == 0, region.Explain(up));
        Assert.Equal("/_health?deep=1", group.TargetGroups[0].HealthCheckPath);
        Assert.Equal("12", attributes.Attributes!.Single(a => a.Key == "deregistration_delay.timeout_seconds").Value);
    }

    [Fact]
    [Step(5)]
    public async Task Pushing_an_existing_tag_again_fails_as_on_AWS()
    {
        story.Project.SetDefaultVersion("v1-again");
        var build = await Fargo("build", "--version", "v1");
        var push = await Fargo("push", "--version", "v1");

        Assert.True(build.ExitCode == 0, region.Explain(build));
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("ImageTagAlreadyExistsException", push.Out + push.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Step(6)]
    public async Task Autoscaling_settings_become_a_scalable_target_and_policy_that_status_shows()
    {
        story.Project.Edit("count = 2 ", "min = 1\nmax = 3\ncpu = 50 ");

        var up = await Fargo("up", "--version", "v4");
        var json = await Fargo("status", "--output", "json");
        var text = await Fargo("status");

        Assert.True(up.ExitCode == 0, region.Explain(up));
        Assert.True(json.ExitCode == 0, region.Explain(json));
        using var status = JsonDocument.Parse(json.Out);
        var scaling = status.RootElement.GetProperty("scaling");
        Assert.Equal((1, 3), (scaling.GetProperty("min").GetInt32(), scaling.GetProperty("max").GetInt32()));
        var policy = Assert.Single(scaling.GetProperty("policies").EnumerateArray());
        Assert.Equal(("ECSServiceAverageCPUUtilization", 50.0), (policy.GetProperty("metric").GetString(), policy.GetProperty("target").GetDouble()));
        // The stack leaves a running service's count alone and the autoscaler keeps it in its range (README: who owns the desired count).
        var desired = status.RootElement.GetProperty("desired").GetInt32();
        Assert.InRange(desired, 1, 3);
        Assert.Contains("Autoscaling: min 1, max 3, desired ", text.Out, StringComparison.Ordinal);
        Assert.Contains("ECSServiceAverageCPUUtilization", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Step(7)]
    public async Task The_service_writes_its_export_to_the_data_bucket_and_the_AWS_CLI_reads_it_back()
    {
        // The example's local environment has `buckets = { data = true }`: the stack made the bucket and set DATA_BUCKET.
        var url = await UrlAsync();
        using var created = await Http.PostAsJsonAsync(new Uri(url, "todos"), new { title = "exported to S3" });
        using var first = await Http.PostAsync(new Uri(url, "todos/export"), null);
        using var second = await Http.PostAsync(new Uri(url, "todos/export"), null);
        var firstExport = await first.Content.ReadFromJsonAsync<JsonElement>();
        var secondExport = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(first.StatusCode == HttpStatusCode.Created, firstExport.ToString());
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var bucket = firstExport.GetProperty("bucket").GetString()!;
        var key = firstExport.GetProperty("key").GetString()!;
        // Outside the project: a file there would change the next build's source hash.
        var download = Path.Combine(region.Home, "export.json");

        var copy = await region.AwsAsync("s3", "cp", $"s3://{bucket}/{key}", download);
        // A delete marker too, so that emptying the bucket has versions and markers to delete.
        var remove = await region.AwsAsync("s3", "rm", $"s3://{bucket}/{secondExport.GetProperty("key").GetString()}");
        var outputs = await region.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "fargo-local-stacks-api");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(copy.ExitCode == 0, region.Explain(copy));
        var exported = JsonDocument.Parse(await File.ReadAllTextAsync(download)).RootElement;
        Assert.Contains(exported.EnumerateArray(), todo => todo.GetProperty("title").GetString() == "exported to S3");
        Assert.True(remove.ExitCode == 0, region.Explain(remove));
        Assert.Contains($"\"OutputValue\": \"{bucket}\"", outputs.Out, StringComparison.Ordinal);
        story.DataBucket = bucket;
    }

    [Fact]
    [Step(8)]
    public async Task A_reports_bucket_is_served_through_its_local_CloudFront_distribution_that_status_shows()
    {
        story.Project.Edit("buckets = { data = true }", "buckets = { data = true, reports = true }");

        var infra = await Fargo("infra", "up", "--env", "local");
        var json = await Fargo("status", "--output", "json");
        var text = await Fargo("status");
        var outputs = (await region.AwsClientAsync((http, token) => new CloudFormationClient(http).DescribeStacksAsync(new DescribeStacksRequest { StackName = "fargo-local-stacks-api" }, token)))
            .Stacks![0].Outputs!.ToDictionary(o => o.OutputKey!, o => o.OutputValue!);
        var report = Path.Combine(region.Home, "q3.csv");
        await File.WriteAllTextAsync(report, "quarter,revenue\nq3,1200\n");
        var upload = await region.AwsAsync("s3", "cp", report, $"s3://{outputs["ReportsBucketName"]}/reports/q3.csv");

        Assert.True(infra.ExitCode == 0, region.Explain(infra));
        Assert.True(json.ExitCode == 0, region.Explain(json));
        using var status = JsonDocument.Parse(json.Out);
        var reports = status.RootElement.GetProperty("reports");
        Assert.Equal(outputs["ReportsUrl"], reports.GetProperty("url").GetString());
        Assert.Matches(@"^https://d[a-z0-9]{13}\.cloudfront\.net$", outputs["ReportsUrl"]);
        var local = new Uri(reports.GetProperty("localUrl").GetString()!);
        Assert.Matches($@"reports\s+{System.Text.RegularExpressions.Regex.Escape(local.ToString())}", text.Out);
        Assert.True(upload.ExitCode == 0, region.Explain(upload));
        Assert.Equal("quarter,revenue\nq3,1200\n", await Http.GetStringAsync(new Uri(local, "reports/q3.csv")));
        story.ReportsBucket = outputs["ReportsBucketName"];
    }

    [Fact]
    [Step(9)]
    public async Task A_second_up_with_nothing_changed_takes_its_stacks_and_build_as_they_are()
    {
        // v3: the source changed since v2 was pushed, and the repository's tags are immutable.
        var first = await Fargo("up", "--version", "v3");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var up = await Fargo("up", "--version", "v3");
        var elapsed = clock.Elapsed;

        Assert.True(first.ExitCode == 0, region.Explain(first));
        Assert.True(up.ExitCode == 0, region.Explain(up));
        Assert.Contains("taken from the cache", up.Out, StringComparison.Ordinal);
        Assert.Contains("no changes", up.Out, StringComparison.Ordinal);
        Console.WriteLine($"fargo up, nothing changed: {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    [Step(10)]
    public async Task Infra_down_local_empties_every_version_of_the_data_bucket_and_deletes_it()
    {
        var bucket = story.DataBucket ?? throw new InvalidOperationException("step 7 found no data bucket");
        var reports = story.ReportsBucket ?? throw new InvalidOperationException("step 8 found no reports bucket");

        var down = await Fargo("infra", "down", "--env", "local");
        var head = await region.AwsAsync("s3api", "head-bucket", "--bucket", bucket);
        var buckets = await region.AwsAsync("s3api", "list-buckets");

        Assert.True(down.ExitCode == 0, region.Explain(down));
        // Two exports and the delete marker of the second.
        Assert.Contains($"Emptied bucket {bucket} (3 object versions and delete markers)", down.Out, StringComparison.Ordinal);
        Assert.Contains($"Emptied bucket {reports} (1 object versions and delete markers)", down.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, head.ExitCode);
        Assert.Contains("Not Found", head.Error, StringComparison.Ordinal);
        Assert.True(buckets.ExitCode == 0, region.Explain(buckets));
        Assert.DoesNotContain(bucket, buckets.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(reports, buckets.Out, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> DescribeStacksAsync()
    {
        var described = await region.AwsClientAsync((http, token) => new CloudFormationClient(http).DescribeStacksAsync(new DescribeStacksRequest(), token));
        return [.. (described.Stacks ?? []).Select(s => s.StackName)];
    }

    private async Task<Uri> UrlAsync()
    {
        var status = await Fargo("status", "--output", "json");
        Assert.True(status.ExitCode == 0, region.Explain(status));
        using var json = JsonDocument.Parse(status.Out);
        return new Uri(json.RootElement.GetProperty("url").GetString()!);
    }

    private async Task<(int Desired, int Running)> StatusAsync()
    {
        var status = await Fargo("status", "--output", "json");
        Assert.True(status.ExitCode == 0, region.Explain(status));
        using var json = JsonDocument.Parse(status.Out);
        return (json.RootElement.GetProperty("desired").GetInt32(), json.RootElement.GetProperty("running").GetInt32());
    }

    /// <summary>The project copy the steps share.</summary>
    public sealed class Story : IDisposable
    {
        public TodoProject Project { get; } = new();

        /// <summary>The data bucket the service wrote to (step 7), which `fargo infra down` must delete (step 10).</summary>
        public string? DataBucket { get; set; }

        /// <summary>The reports bucket (step 8), which `fargo infra down` must delete too.</summary>
        public string? ReportsBucket { get; set; }

        public void Dispose() => Project.Dispose();
    }
}
