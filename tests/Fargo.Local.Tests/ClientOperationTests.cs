using System.Globalization;
using System.Text.Json;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// Operations ordinary AWS tooling uses on what the local region keeps, through the official AWS CLI: log streams
/// and events written by a client (not only by tasks), log group clean-up, and an image list per tag.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ClientOperationTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_client_writes_its_own_log_stream_and_cleans_up_after_itself()
    {
        await Ok("logs", "create-log-group", "--log-group-name", "/client/app");
        await Ok("logs", "create-log-stream", "--log-group-name", "/client/app", "--log-stream-name", "worker-1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var events = $"[{{\"timestamp\":{now - 1000},\"message\":\"job 1 done\"}},{{\"timestamp\":{now},\"message\":\"job 2 done\"}}]";

        var put = await Ok("logs", "put-log-events", "--log-group-name", "/client/app", "--log-stream-name", "worker-1", "--log-events", events);

        Assert.True(put.Json().TryGetProperty("nextSequenceToken", out _));
        var read = (await Ok("logs", "get-log-events", "--log-group-name", "/client/app", "--log-stream-name", "worker-1", "--start-from-head")).Json();
        Assert.Equal(["job 1 done", "job 2 done"], read.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()));

        var again = await engine.AwsAsync("logs", "create-log-stream", "--log-group-name", "/client/app", "--log-stream-name", "worker-1");
        Assert.Contains("(ResourceAlreadyExistsException)", again.Error, StringComparison.Ordinal);
        var unordered = $"[{{\"timestamp\":{now},\"message\":\"b\"}},{{\"timestamp\":{now - 5000},\"message\":\"a\"}}]";
        var refused = await engine.AwsAsync("logs", "put-log-events", "--log-group-name", "/client/app", "--log-stream-name", "worker-1", "--log-events", unordered);
        Assert.Contains("Log events in a single PutLogEvents request must be in chronological order.", refused.Error, StringComparison.Ordinal);
        var noStream = await engine.AwsAsync("logs", "put-log-events", "--log-group-name", "/client/app", "--log-stream-name", "nobody", "--log-events", events);
        Assert.Contains("The specified log stream does not exist.", noStream.Error, StringComparison.Ordinal);

        // Too old for the group (15 days ago): not stored, and reported as AWS reports it.
        var old = DateTimeOffset.UtcNow.AddDays(-15).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var ancient = await Ok("logs", "put-log-events", "--log-group-name", "/client/app", "--log-stream-name", "worker-1",
            "--log-events", $"[{{\"timestamp\":{old},\"message\":\"ancient\"}}]");
        Assert.Equal(0, ancient.Json().GetProperty("rejectedLogEventsInfo").GetProperty("tooOldLogEventEndIndex").GetInt32());
        var after = (await Ok("logs", "get-log-events", "--log-group-name", "/client/app", "--log-stream-name", "worker-1", "--start-from-head")).Json();
        Assert.Equal(2, after.GetProperty("events").GetArrayLength());

        await Ok("logs", "put-retention-policy", "--log-group-name", "/client/app", "--retention-in-days", "7");
        await Ok("logs", "delete-retention-policy", "--log-group-name", "/client/app");
        var group = (await Ok("logs", "describe-log-groups", "--log-group-name-prefix", "/client/app")).Json().GetProperty("logGroups")[0];
        Assert.False(group.TryGetProperty("retentionInDays", out _));

        await Ok("logs", "delete-log-stream", "--log-group-name", "/client/app", "--log-stream-name", "worker-1");
        var streams = (await Ok("logs", "describe-log-streams", "--log-group-name", "/client/app")).Json().GetProperty("logStreams");
        Assert.Equal(0, streams.GetArrayLength());
        await Ok("logs", "delete-log-group", "--log-group-name", "/client/app");
        var gone = await engine.AwsAsync("logs", "delete-log-group", "--log-group-name", "/client/app");
        Assert.Contains("(ResourceNotFoundException)", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_groups_take_tags_and_metric_filters()
    {
        await Ok("logs", "create-log-group", "--log-group-name", "/client/tagged", "--tags", "team=todo");
        var arn = "arn:aws:logs:local:000000000000:log-group:/client/tagged";

        await Ok("logs", "tag-resource", "--resource-arn", arn, "--tags", "env=dev,owner=ann");
        await Ok("logs", "untag-resource", "--resource-arn", arn, "--tag-keys", "owner");
        var tags = (await Ok("logs", "list-tags-for-resource", "--resource-arn", arn)).Json().GetProperty("tags");
        Assert.Equal([("env", "dev"), ("team", "todo")], tags.EnumerateObject().Select(t => (t.Name, t.Value.GetString())).Order());
        var wrongArn = await engine.AwsAsync("logs", "list-tags-for-resource", "--resource-arn", arn + ":*");
        Assert.Contains("(InvalidParameterException)", wrongArn.Error, StringComparison.Ordinal);

        await Ok("logs", "put-metric-filter", "--log-group-name", "/client/tagged", "--filter-name", "errors", "--filter-pattern", "ERROR",
            "--metric-transformations", "metricName=Errors,metricNamespace=Client,metricValue=1,defaultValue=0");
        var filters = (await Ok("logs", "describe-metric-filters", "--log-group-name", "/client/tagged")).Json().GetProperty("metricFilters");
        var filter = Assert.Single(filters.EnumerateArray());
        Assert.Equal("ERROR", filter.GetProperty("filterPattern").GetString());
        Assert.Equal("Errors", filter.GetProperty("metricTransformations")[0].GetProperty("metricName").GetString());
        var group = (await Ok("logs", "describe-log-groups", "--log-group-name-prefix", "/client/tagged")).Json().GetProperty("logGroups")[0];
        Assert.Equal(1, group.GetProperty("metricFilterCount").GetInt32());
        var badPattern = await engine.AwsAsync("logs", "put-metric-filter", "--log-group-name", "/client/tagged", "--filter-name", "bad", "--filter-pattern", "\"unterminated",
            "--metric-transformations", "metricName=Bad,metricNamespace=Client,metricValue=1");
        Assert.Contains("(InvalidParameterException)", badPattern.Error, StringComparison.Ordinal);

        await Ok("logs", "delete-metric-filter", "--log-group-name", "/client/tagged", "--filter-name", "errors");
        var gone = await engine.AwsAsync("logs", "delete-metric-filter", "--log-group-name", "/client/tagged", "--filter-name", "errors");
        Assert.Contains("(ResourceNotFoundException)", gone.Error, StringComparison.Ordinal);
        await Ok("logs", "delete-log-group", "--log-group-name", "/client/tagged");
    }

    [Fact]
    public async Task ECR_lists_an_image_once_per_tag_and_filters_by_tag_status()
    {
        var folder = Path.Combine(engine.WorkDirectory, "list-me");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "app.txt"), "v1");
        var import = await engine.FargoAsync("local", "import", folder, "listing/app:r1");
        Assert.True(import.ExitCode == 0, import.ToString());
        var manifest = (await Ok("ecr", "batch-get-image", "--repository-name", "listing/app", "--image-ids", "imageTag=r1"))
            .Json().GetProperty("images")[0].GetProperty("imageManifest").GetString()!;
        await Ok("ecr", "put-image", "--repository-name", "listing/app", "--image-tag", "latest", "--image-manifest", manifest);

        var listed = (await Ok("ecr", "list-images", "--repository-name", "listing/app")).Json().GetProperty("imageIds");

        var digest = import.Out.Trim()[(import.Out.Trim().IndexOf('@') + 1)..];
        Assert.Equal(
            [(digest, "latest"), (digest, "r1")],
            listed.EnumerateArray().Select(i => (i.GetProperty("imageDigest").GetString(), i.GetProperty("imageTag").GetString())).Order());
        var untagged = (await Ok("ecr", "list-images", "--repository-name", "listing/app", "--filter", "tagStatus=UNTAGGED")).Json();
        Assert.Equal(0, untagged.GetProperty("imageIds").GetArrayLength());
        var missing = await engine.AwsAsync("ecr", "list-images", "--repository-name", "no-such-repo");
        Assert.Contains("(RepositoryNotFoundException)", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ECR_lifecycle_policy_expires_the_images_it_selects_and_a_malformed_one_is_refused()
    {
        async Task Import(string version)
        {
            var folder = Path.Combine(engine.WorkDirectory, "lifecycle-" + version);
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "app.txt"), version);
            var import = await engine.FargoAsync("local", "import", folder, "lifecycle/app:" + version);
            Assert.True(import.ExitCode == 0, import.ToString());
        }

        async Task<List<string?>> Tags() =>
            [.. (await Ok("ecr", "list-images", "--repository-name", "lifecycle/app")).Json().GetProperty("imageIds").EnumerateArray()
                .Select(i => i.GetProperty("imageTag").GetString()).Order()];

        await Import("v1");
        await Import("v2");
        await Import("v3");
        const string keepTwo = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}""";
        await Ok("ecr", "put-lifecycle-policy", "--repository-name", "lifecycle/app", "--lifecycle-policy-text", keepTwo);
        Assert.Equal(["v2", "v3"], await Tags());

        await Import("v4");
        Assert.Equal(["v3", "v4"], await Tags());

        var malformed = await engine.AwsAsync("ecr", "put-lifecycle-policy", "--repository-name", "lifecycle/app", "--lifecycle-policy-text",
            """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""");
        Assert.Contains("(InvalidParameterException)", malformed.Error, StringComparison.Ordinal);
        Assert.Contains("needs a tagPrefixList or a tagPatternList", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(["v3", "v4"], await Tags());
    }

    [Fact]
    public async Task ECR_repositories_take_tags_and_a_repository_policy_and_the_registry_describes_itself()
    {
        var repository = (await Ok("ecr", "create-repository", "--repository-name", "policy/app")).Json().GetProperty("repository");
        var arn = repository.GetProperty("repositoryArn").GetString()!;

        await Ok("ecr", "tag-resource", "--resource-arn", arn, "--tags", "Key=team,Value=todo", "Key=env,Value=dev");
        await Ok("ecr", "untag-resource", "--resource-arn", arn, "--tag-keys", "env");
        var tags = (await Ok("ecr", "list-tags-for-resource", "--resource-arn", arn)).Json().GetProperty("tags");
        Assert.Equal([("team", "todo")], tags.EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())));

        var none = await engine.AwsAsync("ecr", "get-repository-policy", "--repository-name", "policy/app");
        Assert.Contains("(RepositoryPolicyNotFoundException)", none.Error, StringComparison.Ordinal);
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"ecr:BatchGetImage"}]}""";
        await Ok("ecr", "set-repository-policy", "--repository-name", "policy/app", "--policy-text", policy);
        var got = (await Ok("ecr", "get-repository-policy", "--repository-name", "policy/app")).Json();
        Assert.Equal(policy, got.GetProperty("policyText").GetString());
        var notPolicy = await engine.AwsAsync("ecr", "set-repository-policy", "--repository-name", "policy/app", "--policy-text", "{\"not\":\"a policy\"}");
        Assert.Contains("(InvalidParameterException)", notPolicy.Error, StringComparison.Ordinal);
        await Ok("ecr", "delete-repository-policy", "--repository-name", "policy/app");

        var registry = (await Ok("ecr", "describe-registry")).Json();
        Assert.Equal("000000000000", registry.GetProperty("registryId").GetString());
        Assert.Equal(0, registry.GetProperty("replicationConfiguration").GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task ECS_resources_list_and_lose_tags_and_a_cluster_keeps_its_updated_settings_and_configuration()
    {
        var cluster = (await Ok("ecs", "create-cluster", "--cluster-name", "tagged-ops", "--tags", "key=team,value=todo", "key=env,value=dev"))
            .Json().GetProperty("cluster");
        var arn = cluster.GetProperty("clusterArn").GetString()!;

        await Ok("ecs", "tag-resource", "--resource-arn", arn, "--tags", "key=owner,value=ann");
        await Ok("ecs", "untag-resource", "--resource-arn", arn, "--tag-keys", "env");
        var tags = (await Ok("ecs", "list-tags-for-resource", "--resource-arn", arn)).Json().GetProperty("tags");
        Assert.Equal([("owner", "ann"), ("team", "todo")], tags.EnumerateArray().Select(t => (t.GetProperty("key").GetString(), t.GetProperty("value").GetString())).Order());
        var unknown = await engine.AwsAsync("ecs", "list-tags-for-resource", "--resource-arn", arn + "-gone");
        Assert.Contains("(InvalidParameterException)", unknown.Error, StringComparison.Ordinal);

        var updated = (await Ok("ecs", "update-cluster", "--cluster", "tagged-ops", "--settings", "name=containerInsights,value=enabled",
            "--configuration", "executeCommandConfiguration={logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=/ecs/exec}}")).Json().GetProperty("cluster");
        Assert.Equal("enabled", Setting(updated, "containerInsights"));
        await Ok("ecs", "update-cluster-settings", "--cluster", arn, "--settings", "name=containerInsights,value=disabled");

        var described = (await Ok("ecs", "describe-clusters", "--clusters", "tagged-ops")).Json().GetProperty("clusters")[0];
        Assert.Equal("disabled", Setting(described, "containerInsights"));
        var execute = described.GetProperty("configuration").GetProperty("executeCommandConfiguration");
        Assert.Equal("OVERRIDE", execute.GetProperty("logging").GetString());
        Assert.Equal("/ecs/exec", execute.GetProperty("logConfiguration").GetProperty("cloudWatchLogGroupName").GetString());
        var missing = await engine.AwsAsync("ecs", "update-cluster-settings", "--cluster", "no-such-cluster", "--settings", "name=containerInsights,value=enabled");
        Assert.Contains("(ClusterNotFoundException)", missing.Error, StringComparison.Ordinal);

        await Ok("ecs", "delete-cluster", "--cluster", "tagged-ops");
    }

    [Fact]
    public async Task A_capacity_provider_is_made_used_by_a_cluster_updated_and_deleted_beside_Fargates_own()
    {
        const string group = "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:57ffcb94-11f0-4d6d-bf60-3bac5e000000:autoScalingGroupName/ops-ec2";
        var created = (await Ok("ecs", "create-capacity-provider", "--name", "ops-ec2",
            "--auto-scaling-group-provider", $"autoScalingGroupArn={group},managedScaling={{status=ENABLED,targetCapacity=80}}",
            "--tags", "key=team,value=todo")).Json().GetProperty("capacityProvider");
        Assert.Equal("ACTIVE", created.GetProperty("status").GetString());
        var provider = created.GetProperty("autoScalingGroupProvider");
        Assert.Equal(80, provider.GetProperty("managedScaling").GetProperty("targetCapacity").GetInt32());
        Assert.Equal(300, provider.GetProperty("managedScaling").GetProperty("instanceWarmupPeriod").GetInt32());
        Assert.Equal("DISABLED", provider.GetProperty("managedTerminationProtection").GetString());
        var arn = created.GetProperty("capacityProviderArn").GetString()!;

        var again = await engine.AwsAsync("ecs", "create-capacity-provider", "--name", "ops-ec2", "--auto-scaling-group-provider", $"autoScalingGroupArn={group}-2");
        Assert.Contains("(ClientException)", again.Error, StringComparison.Ordinal);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        var reserved = await engine.AwsAsync("ecs", "create-capacity-provider", "--name", "fargate-mine", "--auto-scaling-group-provider", $"autoScalingGroupArn={group}-3");
        Assert.Contains("can't be prefixed", reserved.Error, StringComparison.Ordinal);

        var all = (await Ok("ecs", "describe-capacity-providers", "--include", "TAGS")).Json().GetProperty("capacityProviders");
        Assert.Equal(["FARGATE", "FARGATE_SPOT", "ops-ec2"], all.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("todo", all[2].GetProperty("tags")[0].GetProperty("value").GetString());
        var named = (await Ok("ecs", "describe-capacity-providers", "--capacity-providers", arn, "nope")).Json();
        Assert.Equal("ops-ec2", named.GetProperty("capacityProviders").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal("MISSING", named.GetProperty("failures")[0].GetProperty("reason").GetString());

        await Ok("ecs", "create-cluster", "--cluster-name", "ec2-ops", "--capacity-providers", "ops-ec2", "FARGATE",
            "--default-capacity-provider-strategy", "capacityProvider=ops-ec2,weight=1");
        var inUse = await engine.AwsAsync("ecs", "delete-capacity-provider", "--capacity-provider", "ops-ec2");
        Assert.Contains("is in use", inUse.Error, StringComparison.Ordinal);

        var updated = (await Ok("ecs", "update-capacity-provider", "--name", "ops-ec2", "--auto-scaling-group-provider", "managedScaling={targetCapacity=60}"))
            .Json().GetProperty("capacityProvider");
        Assert.Equal("UPDATE_COMPLETE", updated.GetProperty("updateStatus").GetString());
        Assert.Equal(60, updated.GetProperty("autoScalingGroupProvider").GetProperty("managedScaling").GetProperty("targetCapacity").GetInt32());
        Assert.Equal("ENABLED", updated.GetProperty("autoScalingGroupProvider").GetProperty("managedScaling").GetProperty("status").GetString());

        await Ok("ecs", "put-cluster-capacity-providers", "--cluster", "ec2-ops", "--capacity-providers", "FARGATE", "--default-capacity-provider-strategy", "capacityProvider=FARGATE,weight=1");
        var deleted = (await Ok("ecs", "delete-capacity-provider", "--capacity-provider", "ops-ec2")).Json().GetProperty("capacityProvider");
        Assert.Equal("INACTIVE", deleted.GetProperty("status").GetString());
        var listed = (await Ok("ecs", "describe-capacity-providers")).Json().GetProperty("capacityProviders");
        Assert.DoesNotContain("ops-ec2", listed.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var associate = await engine.AwsAsync("ecs", "put-cluster-capacity-providers", "--cluster", "ec2-ops", "--capacity-providers", "ops-ec2", "--default-capacity-provider-strategy", "capacityProvider=ops-ec2,weight=1");
        Assert.Contains("not in an ACTIVE state", associate.Error, StringComparison.Ordinal);
        var fargate = await engine.AwsAsync("ecs", "delete-capacity-provider", "--capacity-provider", "FARGATE");
        Assert.Contains("(ClientException)", fargate.Error, StringComparison.Ordinal);
        await Ok("ecs", "delete-cluster", "--cluster", "ec2-ops");
    }

    private static string? Setting(JsonElement cluster, string name) =>
        cluster.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("value").GetString();

    [Fact]
    public async Task Load_balancers_and_their_parts_take_tags_and_a_load_balancer_its_network_settings()
    {
        var balancer = (await Ok("elbv2", "create-load-balancer", "--name", "tagged", "--subnets", "subnet-a", "subnet-b")).Json().GetProperty("LoadBalancers")[0];
        var balancerArn = balancer.GetProperty("LoadBalancerArn").GetString()!;
        var group = (await Ok("elbv2", "create-target-group", "--name", "tagged-web", "--protocol", "HTTP", "--port", "8080", "--target-type", "ip", "--vpc-id", "vpc-local"))
            .Json().GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;

        await Ok("elbv2", "add-tags", "--resource-arns", balancerArn, group, "--tags", "Key=team,Value=todo", "Key=env,Value=dev");
        await Ok("elbv2", "remove-tags", "--resource-arns", group, "--tag-keys", "env");
        var described = (await Ok("elbv2", "describe-tags", "--resource-arns", balancerArn, group)).Json().GetProperty("TagDescriptions");
        var tags = described.EnumerateArray().ToDictionary(
            d => d.GetProperty("ResourceArn").GetString()!,
            d => d.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString() + "=" + t.GetProperty("Value").GetString()).Order().ToList());
        Assert.Equal(["env=dev", "team=todo"], tags[balancerArn]);
        Assert.Equal(["team=todo"], tags[group]);
        var missing = await engine.AwsAsync("elbv2", "describe-tags", "--resource-arns", balancerArn.Replace("loadbalancer/app/tagged/", "loadbalancer/app/nobody/", StringComparison.Ordinal));
        Assert.Contains("(LoadBalancerNotFound)", missing.Error, StringComparison.Ordinal);

        await Ok("elbv2", "set-security-groups", "--load-balancer-arn", balancerArn, "--security-groups", "sg-12345678");
        await Ok("elbv2", "set-subnets", "--load-balancer-arn", balancerArn, "--subnets", "subnet-c", "subnet-d");
        var set = (await Ok("elbv2", "set-ip-address-type", "--load-balancer-arn", balancerArn, "--ip-address-type", "dualstack")).Json();
        Assert.Equal("dualstack", set.GetProperty("IpAddressType").GetString());
        var after = (await Ok("elbv2", "describe-load-balancers", "--load-balancer-arns", balancerArn)).Json().GetProperty("LoadBalancers")[0];
        Assert.Equal(["sg-12345678"], after.GetProperty("SecurityGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["subnet-c", "subnet-d"], after.GetProperty("AvailabilityZones").EnumerateArray().Select(z => z.GetProperty("SubnetId").GetString()));
        Assert.Equal("dualstack", after.GetProperty("IpAddressType").GetString());
        var oneSubnet = await engine.AwsAsync("elbv2", "set-subnets", "--load-balancer-arn", balancerArn, "--subnets", "subnet-c");
        Assert.Contains("(ValidationError)", oneSubnet.Error, StringComparison.Ordinal);

        await Ok("elbv2", "delete-target-group", "--target-group-arn", group);
        await Ok("elbv2", "delete-load-balancer", "--load-balancer-arn", balancerArn);
    }

    private async Task<ProcessResult> Ok(params string[] args)
    {
        var result = await engine.AwsAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
