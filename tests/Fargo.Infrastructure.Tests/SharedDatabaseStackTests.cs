using System.Text.Json.Nodes;
using Fargo.Config;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// An app in qa whose API owns the database and two other services use it (database = { service = "todo-api" }): the
/// worker with the default variables, the reports service with its own DATABASE_URL; a fourth service has none. One
/// instance in the app, in the owner's stack; the users import it.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class SharedDatabaseStackTests(SharedDatabaseStackTests.AppFixture app) : IClassFixture<SharedDatabaseStackTests.AppFixture>
{
    private const string Config = """
        name = "todo"
        port = 8080
        [services.todo-worker]
        kind = "worker"
        database = { service = "todo-api" }
        [services.todo-api]
        database = { name = "todo" }
        [services.reports]
        kind = "internal"
        database = { service = "todo-api", env = { DATABASE_URL = "url" } }
        [services.pricing]
        kind = "internal"
        port = 9090
        [environments.qa]
        account = "111111111111"
        region = "us-east-1"

        """;

    [Fact]
    public void The_app_has_one_database_instance_in_its_owners_stack()
    {
        var instances = app.Json.SelectMany(t => SynthesizedEnvironment.Resources(t.Value, "AWS::RDS::DBInstance").Select(_ => t.Key)).ToList();
        Assert.Equal(["todo-api"], instances);
        Assert.DoesNotContain(SynthesizedEnvironment.Resources(app.Json["todo-worker"], "AWS::SecretsManager::Secret"), r => r.Key.StartsWith("DatabaseSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void The_database_group_admits_exactly_the_owner_and_the_services_that_use_it()
    {
        var rules = app.Json
            .SelectMany(t => SynthesizedEnvironment.Resources(t.Value, "AWS::EC2::SecurityGroupIngress").Values.Select(r => (Stack: t.Key, Properties: r["Properties"]!.AsObject())))
            .Where(r => (int?)r.Properties["FromPort"] == 5432)
            .Select(r => (r.Stack, (string)r.Properties["Description"]!, (int)r.Properties["ToPort"]!))
            .Order()
            .ToList();

        Assert.Equal(
            [("reports", "PostgreSQL from reports's tasks", 5432), ("todo-api", "PostgreSQL from the service's tasks", 5432), ("todo-worker", "PostgreSQL from todo-worker's tasks", 5432)],
            rules);
        // The users' rules name the owner's database group through its export: a resource of the user's stack.
        foreach (var user in new[] { "todo-worker", "reports" })
        {
            var rule = SynthesizedEnvironment.Resources(app.Json[user], "AWS::EC2::SecurityGroupIngress").Values.Single(r => (int?)r["Properties"]!["FromPort"] == 5432)["Properties"]!;
            Assert.Contains("fargo-qa-todo-api:", rule["GroupId"]!["Fn::ImportValue"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("ServiceSecurityGroup", rule["SourceSecurityGroupId"]!.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(SynthesizedEnvironment.Resources(app.Json["pricing"], "AWS::EC2::SecurityGroupIngress").Values, r => (int?)r["Properties"]!["FromPort"] == 5432);
    }

    [Fact]
    public void A_user_gets_the_owners_credentials_as_its_secrets_and_may_read_them()
    {
        var secrets = Secrets("todo-worker");
        Assert.Equal(["DB_HOST", "DB_NAME", "DB_PASSWORD", "DB_PORT", "DB_USER"], secrets.Keys.Order(StringComparer.Ordinal));
        Assert.All(secrets.Values, value => Assert.Contains("fargo-qa-todo-api:", value, StringComparison.Ordinal));
        Assert.EndsWith(":host::", (string)Container("todo-worker")["Secrets"]!.AsArray().Single(s => (string)s!["Name"]! == "DB_HOST")!["ValueFrom"]!["Fn::Join"]![1]!.AsArray().Last()!, StringComparison.Ordinal);

        var policy = SynthesizedEnvironment.Resources(app.Json["todo-worker"], "AWS::IAM::Policy").Values
            .Single(p => p["Properties"]!["Roles"]!.ToJsonString().Contains("ExecutionRole", StringComparison.Ordinal))["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(policy, s => s!["Action"]!.ToJsonString().Contains("secretsmanager:GetSecretValue", StringComparison.Ordinal)
            && s["Resource"]!.ToJsonString().Contains("fargo-qa-todo-api:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_with_its_own_url_variable_composes_the_url_from_the_owners_instance()
    {
        var reports = Secrets("reports");
        Assert.Equal(["DATABASE_URL"], reports.Keys);
        var url = Assert.Single(SynthesizedEnvironment.Resources(app.Json["reports"], "AWS::SecretsManager::Secret")).Value["Properties"]!["SecretString"]!.ToJsonString();
        Assert.Contains("fargo-qa-todo-api:", url, StringComparison.Ordinal);
        Assert.Contains("/todo?sslmode=require", url, StringComparison.Ordinal);
    }

    [Fact]
    public void A_users_stack_outputs_what_a_deploy_reads_and_needs_the_owners_stack()
    {
        foreach (var user in new[] { "todo-worker", "reports" })
        {
            var outputs = app.Json[user]["Outputs"]!.AsObject();
            Assert.Contains("fargo-qa-todo-api:", outputs[StackOutputs.DatabaseSecretArn]!["Value"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("fargo-qa-todo-api:", outputs[StackOutputs.DatabaseEndpoint]!["Value"]!.ToJsonString(), StringComparison.Ordinal);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Assemblies[0].Directory, "manifest.json")))!["artifacts"]!.AsObject();
        IEnumerable<string> DependenciesOf(string stack) => (manifest[stack]!["dependencies"]?.AsArray() ?? []).Select(d => (string)d!);
        Assert.Contains("fargo-qa-todo-api", DependenciesOf("fargo-qa-todo-worker"));
        Assert.Contains("fargo-qa-todo-api", DependenciesOf("fargo-qa-reports"));
        Assert.DoesNotContain("fargo-qa-todo-worker", DependenciesOf("fargo-qa-todo-api"));
        Assert.DoesNotContain("fargo-qa-reports", DependenciesOf("fargo-qa-todo-api"));
    }

    private JsonObject Container(string service) =>
        Assert.Single(SynthesizedEnvironment.Resources(app.Json[service], "AWS::ECS::TaskDefinition")).Value["Properties"]!["ContainerDefinitions"]![0]!.AsObject();

    private Dictionary<string, string> Secrets(string service) =>
        (Container(service)["Secrets"]?.AsArray() ?? []).ToDictionary(s => (string)s!["Name"]!, s => s!["ValueFrom"]!.ToJsonString(), StringComparer.Ordinal);

    /// <summary>The app synthesized once for the class.</summary>
    public sealed class AppFixture() : AppSynthesis(Config, "qa");
}
