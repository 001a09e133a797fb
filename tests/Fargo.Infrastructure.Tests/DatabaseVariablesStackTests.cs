using System.Text.Json.Nodes;
using Fargo.Config.Model;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// [database] env in the service stack: the app's variable names map to the generated secret's JSON keys, and url to a
/// connection string CloudFormation composes, so no secret ARN is ever copied into fargo.toml.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class DatabaseVariablesStackTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> AppNames = new Dictionary<string, string>
    {
        ["DB_PWD"] = DatabaseFields.Password,
        ["DB_USER_NAME"] = DatabaseFields.User,
        ["DATABASE_URL"] = DatabaseFields.Url,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "fargo-db-vars-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("prod", "?sslmode=require")]
    [InlineData("local", "")]
    public void The_app_s_names_reach_the_task_from_the_generated_secret(string environment, string urlSuffix)
    {
        var settings = ExampleConfig.ForEnvironment(environment);
        settings = settings with { Database = settings.Database! with { Variables = AppNames } };

        var synthesized = new SynthesizedEnvironment(settings, Path.Combine(_root, environment));

        var template = synthesized.ServiceJson;
        // The generated credentials, as attached to the instance (which adds host, port and dbname).
        var credentials = SynthesizedEnvironment.Resources(template, "AWS::SecretsManager::SecretTargetAttachment").Single().Key;
        var container = SynthesizedEnvironment.Resources(template, "AWS::ECS::TaskDefinition").Single().Value["Properties"]!["ContainerDefinitions"]![0]!;
        var secrets = container["Secrets"]!.AsArray().ToDictionary(s => (string)s!["Name"]!, s => s!["ValueFrom"]!.ToJsonString());
        Assert.Equal(["API_KEY", "DATABASE_URL", "DB_PWD", "DB_USER_NAME"], secrets.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(credentials, secrets["DB_PWD"], StringComparison.Ordinal);
        Assert.Contains(":password::", secrets["DB_PWD"], StringComparison.Ordinal);
        Assert.Contains(":username::", secrets["DB_USER_NAME"], StringComparison.Ordinal);

        var url = SynthesizedEnvironment.Resources(template, "AWS::SecretsManager::Secret").Single(s => s.Key.StartsWith("DatabaseUrl", StringComparison.Ordinal));
        Assert.Contains(url.Key, secrets["DATABASE_URL"], StringComparison.Ordinal);
        var parts = url.Value["Properties"]!["SecretString"]!["Fn::Join"]![1]!.AsArray();
        Assert.Equal("postgresql://fargo:{{resolve:secretsmanager:", (string)parts[0]!);
        Assert.Equal(credentials, (string)parts[1]!["Ref"]!);
        Assert.Equal(":SecretString:password}}@", (string)parts[2]!);
        Assert.Equal("/todo" + urlSuffix, (string)parts[^1]!);
        Assert.DoesNotContain("DB_HOST", secrets.Keys);

        // The execution role, which hands secrets to the task, may read the URL's secret.
        var policies = string.Join("\n", SynthesizedEnvironment.Resources(template, "AWS::IAM::Policy").Values
            .Where(p => p["Properties"]!["Roles"]!.ToJsonString().Contains("ExecutionRole", StringComparison.Ordinal))
            .Select(p => p.ToJsonString()));
        Assert.Contains(url.Key, policies, StringComparison.Ordinal);
    }
}
