using Fargo.Aws.Ecs;
using Fargo.Config.Model;
using Fargo.Deploy.Rendering;

namespace Fargo.Deploy.Tests.Rendering;

public sealed class InfrastructureProvidedTests
{
    private const string DatabaseSecretArn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:todo-api-qa-db-AbCdEf";

    // What the service stack registered: the RDS credentials from Secrets Manager and the bucket names it made.
    private static TaskDefinition RunningFromTheStack() => new()
    {
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = "todo-api",
                Image = "old",
                Secrets = [.. DatabaseSettings.DefaultVariables.Keys.Select(name => new Secret { Name = name, ValueFrom = $"{DatabaseSecretArn}:{name.ToLowerInvariant()}::" })],
                Environment =
                [
                    new Fargo.Aws.Ecs.KeyValuePair { Name = "DATA_BUCKET", Value = "todo-api-qa-databucket-1x2y3z" },
                    new Fargo.Aws.Ecs.KeyValuePair { Name = "LEFT_OVER", Value = "removed from fargo.toml" },
                ],
            },
        ],
    };

    private static ServiceSettings WithDatabaseAndDataBucket(string environment = "qa") => TestSettings.For(environment: environment) with
    {
        Database = new DatabaseSettings("postgres", "todo", "16", "db.t4g.micro", 20, false),
        Buckets = new BucketSettings(Data: true, Reports: false),
    };

    [Fact]
    public void A_deploy_keeps_the_database_credentials_and_bucket_the_stack_created()
    {
        var settings = WithDatabaseAndDataBucket();
        var rendered = TaskDefinitionRenderer.Render(settings, "new");

        var container = InfrastructureProvided.CarryOver(settings, rendered, RunningFromTheStack()).ContainerDefinitions[0];

        Assert.Equal(["DB_HOST", "DB_NAME", "DB_PASSWORD", "DB_PORT", "DB_USER"], container.Secrets!.Select(s => s.Name));
        Assert.All(container.Secrets!, s => Assert.StartsWith(DatabaseSecretArn, s.ValueFrom, StringComparison.Ordinal));
        Assert.Equal("todo-api-qa-databucket-1x2y3z", container.Environment!.Single(v => v.Name == "DATA_BUCKET").Value);
        Assert.Equal("new", container.Image);
    }

    [Fact]
    public void What_the_configuration_no_longer_asks_for_is_not_carried_over()
    {
        var settings = TestSettings.For();
        var rendered = TaskDefinitionRenderer.Render(settings, "new");

        var container = InfrastructureProvided.CarryOver(settings, rendered, RunningFromTheStack()).ContainerDefinitions[0];

        Assert.Null(container.Secrets);
        Assert.DoesNotContain(container.Environment ?? [], v => v.Name is "DATA_BUCKET" or "LEFT_OVER");
    }

    [Fact]
    public void A_value_fargo_toml_sets_wins_over_the_running_one()
    {
        var settings = WithDatabaseAndDataBucket() with
        {
            Secrets = new SecretSettings("/todo-api", new Dictionary<string, string> { ["DB_PASSWORD"] = "/shared/rotated-password" }),
        };
        var rendered = TaskDefinitionRenderer.Render(settings, "new");

        var container = InfrastructureProvided.CarryOver(settings, rendered, RunningFromTheStack()).ContainerDefinitions[0];

        Assert.Equal("arn:aws:ssm:eu-west-1:111111111111:parameter/shared/rotated-password", container.Secrets!.Single(s => s.Name == "DB_PASSWORD").ValueFrom);
        Assert.Equal(5, container.Secrets!.Count);
    }

    [Fact]
    public void The_first_deploy_renders_as_configured_and_the_local_region_keeps_the_stacks_secrets_as_AWS_does()
    {
        var settings = WithDatabaseAndDataBucket();
        var rendered = TaskDefinitionRenderer.Render(settings, "new");
        Assert.Same(rendered, InfrastructureProvided.CarryOver(settings, rendered, running: null));

        var local = WithDatabaseAndDataBucket("local") with { Environment = new EnvironmentTarget("local", "000000000000", "local", false, IsLocal: true) };
        var localRendered = InfrastructureProvided.CarryOver(local, TaskDefinitionRenderer.Render(local, "new"), RunningFromTheStack());
        Assert.Contains(localRendered.ContainerDefinitions[0].Secrets!, s => s.Name == "DB_PASSWORD");
    }
}
