using System.Text.Json;
using Fargo.Local.Client;
using Fargo.Local.Tests.Support;
using Npgsql;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// The data side of a stack through the AWS CLI: a real PostgreSQL instance whose credentials come from the generated
/// secret and whose endpoint the attachment writes back into it; its data kept by DeletionPolicy Snapshot across a
/// delete and a new stack; an ECR repository that refuses to move an existing tag; a log group's retention.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DataStackTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task The_database_takes_its_credentials_from_the_generated_secret_and_its_data_survives_the_stack()
    {
        var first = await CreateAsync("data");
        var secret = await SecretAsync(first);
        Assert.Equal("fargo", secret.GetProperty("username").GetString());
        Assert.Equal("127.0.0.1", secret.GetProperty("host").GetString());
        Assert.Equal("data-test-db", secret.GetProperty("dbInstanceIdentifier").GetString());
        Assert.Equal($"127.0.0.1:{secret.GetProperty("port").GetInt32()}", Output(first, "Endpoint"));
        string version;
        await using (var connection = await ConnectAsync(secret))
        {
            await Execute(connection, "CREATE TABLE todo (title text); INSERT INTO todo VALUES ('kept')");
            version = await ScalarAsync(connection, "SHOW server_version");
        }

        var events = await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", "data");
        var initiated = events.Json().GetProperty("StackEvents").EnumerateArray()
            .Single(e => e.GetProperty("LogicalResourceId").GetString() == "Database" && e.TryGetProperty("ResourceStatusReason", out var r)
                && r.GetString()!.StartsWith("Resource creation Initiated", StringComparison.Ordinal))
            .GetProperty("ResourceStatusReason").GetString()!;
        if (!version.StartsWith("16", StringComparison.Ordinal))
        {
            Assert.Contains($"PostgreSQL 16 was requested; this machine has PostgreSQL {version.Split(' ')[0]}", initiated, StringComparison.Ordinal);
        }

        // ECR: the tag is immutable, as on AWS; the lifecycle policy and the log retention are set.
        var artifact = TestService.WriteArtifact(Path.Combine(engine.WorkDirectory, "data-artifact"));
        await LocalImageImporter.ImportAsync(engine.Region, artifact, "data-test", "v1", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(artifact, "changed.txt"), "a different image");
        var again = await Record.ExceptionAsync(() => LocalImageImporter.ImportAsync(engine.Region, artifact, "data-test", "v1", CancellationToken.None));
        Assert.Contains("ImageTagAlreadyExistsException", again?.ToString() ?? "", StringComparison.Ordinal);
        var policy = await engine.AwsAsync("ecr", "get-lifecycle-policy", "--repository-name", "data-test");
        Assert.Contains("imageCountMoreThan", policy.Json().GetProperty("lifecyclePolicyText").GetString(), StringComparison.Ordinal);
        var groups = await engine.AwsAsync("logs", "describe-log-groups", "--log-group-name-prefix", "/test/data");
        Assert.Equal(14, groups.Json().GetProperty("logGroups")[0].GetProperty("retentionInDays").GetInt32());

        await DeleteAsync(first);
        Assert.Contains("RepositoryNotFoundException", (await engine.AwsAsync("ecr", "describe-repositories", "--repository-names", "data-test")).Error, StringComparison.Ordinal);

        // A new stack with the same instance identifier takes the kept data up again, with the new secret's password.
        var second = await CreateAsync("data-again");
        var newSecret = await SecretAsync(second);
        Assert.NotEqual(secret.GetProperty("password").GetString(), newSecret.GetProperty("password").GetString());
        await using (var connection = await ConnectAsync(newSecret))
        {
            Assert.Equal("kept", await ScalarAsync(connection, "SELECT title FROM todo"));
        }

        await DeleteAsync(second);
    }

    private async Task<JsonElement> CreateAsync(string name)
    {
        var created = await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", name, "--template-body", DataStackTemplate.Yaml);
        Assert.True(created.ExitCode == 0, created.ToString());
        var stack = await Eventually.UntilAsync(
            async () => (await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", name)).Json().GetProperty("Stacks")[0],
            s => !s.GetProperty("StackStatus").GetString()!.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120),
            $"stack {name} to be created");
        Assert.True(stack.GetProperty("StackStatus").GetString() == "CREATE_COMPLETE",
            stack + (await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", name)).Out);
        return stack;
    }

    private async Task DeleteAsync(JsonElement stack)
    {
        var id = stack.GetProperty("StackId").GetString()!;
        Assert.Equal(0, (await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", id)).ExitCode);
        var deleted = await Eventually.UntilAsync(
            async () => (await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", id)).Json().GetProperty("Stacks")[0],
            s => !s.GetProperty("StackStatus").GetString()!.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            $"stack {id} to be deleted");
        Assert.Equal("DELETE_COMPLETE", deleted.GetProperty("StackStatus").GetString());
    }

    private async Task<JsonElement> SecretAsync(JsonElement stack)
    {
        var value = await engine.AwsAsync("secretsmanager", "get-secret-value", "--secret-id", Output(stack, "Secret"));
        Assert.True(value.ExitCode == 0, value.ToString());
        return JsonDocument.Parse(value.Json().GetProperty("SecretString").GetString()!).RootElement.Clone();
    }

    private static async Task<NpgsqlConnection> ConnectAsync(JsonElement secret)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = secret.GetProperty("host").GetString(),
            Port = secret.GetProperty("port").GetInt32(),
            Database = secret.GetProperty("dbname").GetString(),
            Username = secret.GetProperty("username").GetString(),
            Password = secret.GetProperty("password").GetString(),
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Output(JsonElement stack, string key) =>
        stack.GetProperty("Outputs").EnumerateArray().Single(o => o.GetProperty("OutputKey").GetString() == key).GetProperty("OutputValue").GetString()!;
}
