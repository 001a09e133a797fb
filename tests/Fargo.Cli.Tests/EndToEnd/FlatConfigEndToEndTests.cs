using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// The flat deploy file of older deploy scripts (`fargo deploy config.toml IMAGE_URI`) against a cluster and service that
/// the official AWS CLI created on the local region beforehand, as they would exist in an AWS account.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed class FlatConfigEndToEndTests(LocalRegionFixture region) : IDisposable
{
    private const string Registry = "000000000000.dkr.ecr.local.localhost";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_flat_file_deploys_a_new_image_into_a_service_the_AWS_CLI_created()
    {
        // Two versions of a small "image": a script that says which version it is and keeps running.
        _folder.Write("v1/run.sh", "echo \"flatsvc v1 started, GREETING is ${GREETING:-unset}\"\nexec sleep 3600\n");
        _folder.Write("v2/run.sh", "echo \"flatsvc v2 started, GREETING has ${#GREETING} characters\"\nexec sleep 3600\n");
        var v1 = await region.FargoAsync(_folder.Path, "local", "import", "v1", "flatsvc:v1");
        var v2 = await region.FargoAsync(_folder.Path, "local", "import", "v2", "flatsvc:v2");
        Assert.True(v1.ExitCode == 0 && v2.ExitCode == 0, v1 + "\n" + v2);
        var v2Pinned = v2.Out.Trim();
        Assert.StartsWith($"{Registry}/flatsvc@sha256:", v2Pinned, StringComparison.Ordinal);

        // The existing setup, made with the AWS CLI: cluster, log group, a parameter under /flatsvc, task definition, service.
        await region.AwsSetUpAsync("ecs", "create-cluster", "--cluster-name", "flat-cluster");
        await region.AwsSetUpAsync("logs", "create-log-group", "--log-group-name", "/aws/ecs/fargate/flatsvc");
        await region.AwsSetUpAsync("ssm", "put-parameter", "--name", "/flatsvc/GREETING", "--type", "SecureString", "--value", "hello from ssm");
        await region.AwsSetUpAsync(
            "ecs", "register-task-definition",
            "--family", "flatsvc",
            "--network-mode", "awsvpc",
            "--requires-compatibilities", "FARGATE",
            "--cpu", "256",
            "--memory", "512",
            "--container-definitions", $$"""[{"name":"flatsvc","image":"{{Registry}}/flatsvc:v1","essential":true,"command":["sh","run.sh"],"portMappings":[{"containerPort":5000}]}]""");
        await region.AwsSetUpAsync(
            "ecs", "create-service",
            "--cluster", "flat-cluster",
            "--service-name", "flatsvc",
            "--task-definition", "flatsvc",
            "--desired-count", "1",
            "--deployment-configuration", "maximumPercent=200,minimumHealthyPercent=100,deploymentCircuitBreaker={enable=true,rollback=true}");

        _folder.Write("deploy.toml", """
            account = "123456789012"
            region = "us-east-1"
            cluster = "flat-cluster"
            service = "flatsvc"
            port = 5000
            execution_role_arn = "arn:aws:iam::123456789012:role/flatsvc-execution"
            task_role_arn = "arn:aws:iam::123456789012:role/flatsvc-task"
            """);

        var deploy = await region.FargoAsync(_folder.Path, "deploy", "deploy.toml", $"{Registry}/flatsvc:v2", "--env", "local");

        Assert.True(deploy.ExitCode == 0, region.Explain(deploy));
        using var service = JsonDocument.Parse((await region.AwsSetUpAsync("ecs", "describe-services", "--cluster", "flat-cluster", "--services", "flatsvc")).Out);
        var described = service.RootElement.GetProperty("services")[0];
        Assert.EndsWith("task-definition/flatsvc:2", described.GetProperty("taskDefinition").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, described.GetProperty("runningCount").GetInt32());
        Assert.Equal("COMPLETED", described.GetProperty("deployments")[0].GetProperty("rolloutState").GetString());

        using var definition = JsonDocument.Parse((await region.AwsSetUpAsync("ecs", "describe-task-definition", "--task-definition", "flatsvc:2")).Out);
        var container = definition.RootElement.GetProperty("taskDefinition").GetProperty("containerDefinitions")[0];
        // The flat format's task definition, with the image pinned to the digest the tag pointed at.
        Assert.Equal(v2Pinned, container.GetProperty("image").GetString());
        Assert.Equal("/aws/ecs/fargate/flatsvc", container.GetProperty("logConfiguration").GetProperty("options").GetProperty("awslogs-group").GetString());
        Assert.Equal("GREETING", container.GetProperty("secrets")[0].GetProperty("name").GetString());
        Assert.Equal(["sh", "run.sh"], container.GetProperty("command").EnumerateArray().Select(a => a.GetString()));

        // The new task runs v2 with the parameter as its secret.
        var logs = await WaitForLogAsync("flatsvc v2 started, GREETING has 14 characters");
        Assert.True(logs, region.Transcript[^Math.Min(4000, region.Transcript.Length)..]);
    }

    private async Task<bool> WaitForLogAsync(string text)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var events = await region.AwsAsync("logs", "filter-log-events", "--log-group-name", "/aws/ecs/fargate/flatsvc");
            if (events.Out.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }
}
