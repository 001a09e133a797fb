using System.Text.Json;
using Fargo.Config;
using Fargo.Deploy.Rendering;
using Fargo.Deploy.Tests.AwsModels;

namespace Fargo.Deploy.Tests.Rendering;

/// <summary>
/// The task definitions of the example service, environment by environment, and of a flat deploy file, judged
/// by AWS's own ECS model: every member exists with the right JSON type, every required member is present.
/// </summary>
public sealed class ExampleTaskDefinitionTests
{
    private const string Digest = "sha256:4bd4a1f3c4e1d5b2a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9";

    private static readonly AwsServiceModel Ecs = AwsServiceModel.Load(RepositoryPaths.EcsModel);

    public static TheoryData<string> Environments() => ["local", "qa", "prod"];

    private static ServiceConfig Example() =>
        Assert.IsType<ServiceConfig>(new ConfigLoader().Load(RepositoryPaths.ExampleConfig));

    [Fact]
    public void The_example_has_exactly_the_environments_these_tests_cover()
    {
        Assert.Equal(["local", "qa", "prod"], Example().EnvironmentNames);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_environments_task_definition_is_one_ECS_accepts(string environment)
    {
        var settings = Example().ForEnvironment(environment, "todo-api");
        var image = DefaultImages.For(settings).Replace(":latest", "@" + Digest, StringComparison.Ordinal);
        var request = TaskDefinitionRenderer.Render(settings, image, [$"{settings.Secrets.Path}/DB_PASSWORD", $"{settings.Secrets.Path}/SMTP_PASSWORD"]);
        using var json = JsonDocument.Parse(TaskDefinitionJson.Serialize(request));

        var problems = Ecs.Check(json.RootElement, "RegisterTaskDefinitionRequest");

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var container = json.RootElement.GetProperty("containerDefinitions")[0];
        Assert.Equal(image, container.GetProperty("image").GetString());
        Assert.Equal(["API_KEY", "DB_PASSWORD", "SMTP_PASSWORD"], container.GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal($"todo-api-{environment}", json.RootElement.GetProperty("family").GetString());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_environments_offline_rendering_with_the_default_image_is_one_ECS_accepts(string environment)
    {
        var settings = Example().ForEnvironment(environment, "todo-api");
        using var json = JsonDocument.Parse(TaskDefinitionJson.Serialize(TaskDefinitionRenderer.Render(settings, DefaultImages.For(settings))));

        var problems = Ecs.Check(json.RootElement, "RegisterTaskDefinitionRequest");

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Prod_gets_its_overrides_account_and_region()
    {
        var request = TaskDefinitionRenderer.Render(Example().ForEnvironment("prod", "todo-api"), "img");

        Assert.Equal("512", request.Cpu);
        Assert.Equal("1024", request.Memory);
        Assert.Equal("arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-execution", request.ExecutionRoleArn);
        Assert.Equal("arn:aws:ssm:us-east-1:222222222222:parameter/shared/todo/api-key", request.ContainerDefinitions[0].Secrets![0].ValueFrom);
        Assert.Equal("us-east-1", request.ContainerDefinitions[0].LogConfiguration!.Options!["awslogs-region"]);
    }

    [Fact]
    public void Local_runs_in_the_local_regions_account_with_its_own_environment_variables()
    {
        var request = TaskDefinitionRenderer.Render(Example().ForEnvironment("local", "todo-api"), "img");

        Assert.Equal("arn:aws:iam::000000000000:role/todo-api-local-task", request.TaskRoleArn);
        Assert.Equal("Development", request.ContainerDefinitions[0].Environment!.Single(e => e.Name == "ASPNETCORE_ENVIRONMENT").Value);
        Assert.Equal(["dotnet", "TodoApi.dll"], request.ContainerDefinitions[0].Command);
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("prod")]
    public void On_aws_the_image_s_own_entrypoint_runs(string environment)
    {
        var request = TaskDefinitionRenderer.Render(Example().ForEnvironment(environment, "todo-api"), "img");

        Assert.Null(request.ContainerDefinitions[0].Command);
    }

    [Fact]
    public void A_flat_deploy_files_task_definition_is_one_ECS_accepts()
    {
        var flat = Assert.IsType<FlatConfig>(new ConfigLoader().Parse(
            """
            account = "123456789012"
            region = "eu-central-1"
            cluster = "legacy"
            service = "invoices"
            port = 3000
            execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
            task_role_arn = "arn:aws:iam::123456789012:role/invoices"
            """,
            "config.toml"));
        var request = TaskDefinitionRenderer.Render(flat.Settings, "123456789012.dkr.ecr.eu-central-1.amazonaws.com/invoices@" + Digest, ["/invoices/DATABASE_URL"]);
        using var json = JsonDocument.Parse(TaskDefinitionJson.Serialize(request));

        var problems = Ecs.Check(json.RootElement, "RegisterTaskDefinitionRequest");

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal("invoices", request.Family);
        Assert.Equal("/aws/ecs/fargate/invoices", request.ContainerDefinitions[0].LogConfiguration!.Options!["awslogs-group"]);
    }
}
