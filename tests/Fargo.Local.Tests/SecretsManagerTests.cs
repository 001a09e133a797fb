using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Aws.Http;
using Fargo.Aws.SecretsManager;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// The local Secrets Manager through Fargo.Aws's client and the AWS CLI: versions and staging labels, AWS's errors,
/// deletion with a recovery window or at once; and task secrets that name a secret by ARN with ECS's selectors.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SecretsManagerTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private SecretsManagerClient Client => new(new AwsHttpClient(engine.Region.ClientOptions()));

    [Fact]
    public async Task A_secret_keeps_versions_with_AWSCURRENT_and_AWSPREVIOUS_and_answers_AWSs_errors()
    {
        var created = await Client.CreateSecretAsync(new CreateSecretRequest { Name = "app/db", SecretString = """{"password":"one"}""", Description = "db" });
        Assert.Matches(@"^arn:aws:secretsmanager:local:000000000000:secret:app/db-[A-Za-z]{6}$", created.ARN);

        var second = await Client.PutSecretValueAsync(new PutSecretValueRequest { SecretId = "app/db", SecretString = """{"password":"two"}""" });

        var current = await Client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = created.ARN! });
        Assert.Equal("""{"password":"two"}""", current.SecretString);
        Assert.Equal(["AWSCURRENT"], current.VersionStages);
        var previous = await Client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "app/db", VersionStage = "AWSPREVIOUS" });
        Assert.Equal("""{"password":"one"}""", previous.SecretString);
        Assert.Equal(created.VersionId, previous.VersionId);
        var described = await Client.DescribeSecretAsync(new DescribeSecretRequest { SecretId = created.ARN![..^7] });
        Assert.Equal(["AWSCURRENT"], described.VersionIdsToStages![second.VersionId!]);

        var duplicate = await Assert.ThrowsAsync<AwsServiceException>(() => Client.CreateSecretAsync(new CreateSecretRequest { Name = "app/db", SecretString = "x" }));
        Assert.Equal(("ResourceExistsException", "The operation failed because the secret app/db already exists."), (duplicate.Code, duplicate.Message));
        var missing = await engine.AwsAsync("secretsmanager", "get-secret-value", "--secret-id", "nope");
        Assert.Contains("ResourceNotFoundException", missing.Error, StringComparison.Ordinal);
        Assert.Contains("Secrets Manager can't find the specified secret.", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletion_waits_out_the_recovery_window_unless_forced()
    {
        await Client.CreateSecretAsync(new CreateSecretRequest { Name = "temp/a", SecretString = "a" });
        await Client.CreateSecretAsync(new CreateSecretRequest { Name = "temp/b", SecretString = "b" });

        var scheduled = await Client.DeleteSecretAsync(new DeleteSecretRequest { SecretId = "temp/a", RecoveryWindowInDays = 7 });

        Assert.InRange(scheduled.DeletionDate!.Value - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));
        var marked = await Assert.ThrowsAsync<AwsServiceException>(() => Client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "temp/a" }));
        Assert.Equal(("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion."), (marked.Code, marked.Message));
        var listed = await engine.AwsAsync("secretsmanager", "list-secrets", "--filters", "Key=name,Values=temp/");
        Assert.Equal(["temp/b"], listed.Json().GetProperty("SecretList").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        var both = await engine.AwsAsync("secretsmanager", "delete-secret", "--secret-id", "temp/b", "--force-delete-without-recovery", "--recovery-window-in-days", "7");
        Assert.Contains("InvalidParameterException", both.Error, StringComparison.Ordinal);

        var forced = await engine.AwsAsync("secretsmanager", "delete-secret", "--secret-id", "temp/b", "--force-delete-without-recovery");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("ResourceNotFoundException", (await engine.AwsAsync("secretsmanager", "describe-secret", "--secret-id", "temp/b")).Error, StringComparison.Ordinal);
        await Client.RestoreSecretAsync(new RestoreSecretRequest { SecretId = "temp/a" });
        Assert.Equal("a", (await Client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "temp/a" })).SecretString);
    }

    [Fact]
    public async Task A_task_gets_a_json_key_of_a_secret_and_a_missing_key_stops_it_with_ECSs_words()
    {
        var secret = await Client.CreateSecretAsync(new CreateSecretRequest { Name = "task/creds", SecretString = """{"token":"t0k3n","user":"web"}""" });
        var good = TestService.TaskDefinition("sm-good", engine.TestServiceImage, "v1", "/test/sm", secretParameter: $"{secret.ARN}:token::");
        await engine.Ecs.RegisterTaskDefinitionAsync(good);
        var bad = TestService.TaskDefinition("sm-bad", engine.TestServiceImage, "v1", "/test/sm", secretParameter: $"{secret.ARN}:nokey::");
        await engine.Ecs.RegisterTaskDefinitionAsync(bad);

        var running = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = "sm-good" });
        var stopped = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = "sm-bad" });

        var task = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [running.Tasks![0].TaskArn!] })).Tasks![0],
            t => t.LastStatus == "RUNNING" && t.HealthStatus == HealthStatus.Healthy,
            TimeSpan.FromSeconds(30),
            "the task with the secret to run");
        Assert.Equal("t0k3n", (await EngineFixture.GetAsync(task)).Secret);
        var failed = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [stopped.Tasks![0].TaskArn!] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(30),
            "the task with the missing key to stop");
        Assert.Equal(
            "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key nokey",
            failed.StoppedReason);
        await engine.Ecs.StopTaskAsync(new StopTaskRequest { Cluster = "test", Task = task.TaskArn! });
    }
}
