using System.Text.Json.Nodes;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The pipeline of the example app (todo-api and todo-worker, qa then prod): one deploy role and one read role per
/// environment, named after the app (todo-api keeps the names a single service had), whose statements reach exactly
/// each service's repository, ECS service, task family, roles and log group, and the environment's shared cluster,
/// nothing of another app or environment.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class AppPipelineTests
{
    private static readonly Lazy<DeliveryPipeline> Pipeline = new(() =>
    {
        var config = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(ExampleConfig.Path));
        return DeliveryPipeline.ForApp(
            new PipelineSettings(TestPipelines.GitHubRepository, "main", ["qa", "prod"], [], [], Connection: null),
            TestPipelines.GitHubRepository,
            [.. config.Pipeline.Stages.Select(config.ServicesIn)],
            TestPipelines.FargoVersion);
    });

    [Fact]
    public void Each_stage_holds_every_service_and_the_apps_roles()
    {
        var pipeline = Pipeline.Value;

        Assert.Equal("todo-api", pipeline.App);
        Assert.Equal(["qa", "prod"], pipeline.Stages.Select(s => s.Name));
        Assert.All(pipeline.Stages, stage => Assert.Equal(["todo-api", "todo-worker"], stage.Services.Select(s => s.Name)));
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-deploy", pipeline.Stages[0].DeployRoleArn);
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-read", pipeline.Stages[0].ReadRoleArn);
        Assert.Equal("arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy", pipeline.Stages[1].DeployRoleArn);
        Assert.Equal("fargo-todo-api", pipeline.PipelineName);
    }

    [Fact]
    public void Qa_deploy_role_grants_exactly_each_services_resources()
    {
        var (roles, statements) = Synthesize("qa");

        Assert.Equal(["todo-api-qa-deploy", "todo-api-qa-read"], roles);
        const string Ecs = "arn:aws:ecs:us-east-1:111111111111";
        Assert.Equal(
            [
                "arn:aws:ecr:us-east-1:111111111111:repository/todo-api",
                "arn:aws:ecr:us-east-1:111111111111:repository/todo-worker",
            ],
            Resources(Sid(statements, "PushToServiceRepository")));
        Assert.Equal([$"{Ecs}:service/fargo-qa/todo-api", $"{Ecs}:service/fargo-qa/todo-worker"], Resources(Sid(statements, "DeployService")));
        Assert.Equal([$"{Ecs}:task-definition/todo-api-qa:*", $"{Ecs}:task-definition/todo-worker-qa:*"], Resources(Sid(statements, "TagTaskDefinitionsOnRegister")));
        Assert.Equal(
            [
                "arn:aws:iam::111111111111:role/todo-api-qa-execution",
                "arn:aws:iam::111111111111:role/todo-api-qa-task",
                "arn:aws:iam::111111111111:role/todo-worker-qa-execution",
                "arn:aws:iam::111111111111:role/todo-worker-qa-task",
            ],
            Resources(Sid(statements, "PassTaskRoles")));
        Assert.Equal(
            [
                "arn:aws:logs:us-east-1:111111111111:log-group:/fargo/qa/todo-api:*",
                "arn:aws:logs:us-east-1:111111111111:log-group:/fargo/qa/todo-worker:*",
            ],
            Resources(Sid(statements, "ReadServiceLogs")));
        // What the services share, once.
        Assert.Equal([$"{Ecs}:cluster/fargo-qa"], Resources(Sid(statements, "DescribeCluster")));
        Assert.Equal([$"{Ecs}:task/fargo-qa/*"], Resources(Sid(statements, "WatchTasks")));

        // And nothing else: every resource named is one of the above, "*" (where IAM has nothing narrower) or the app's own CI
        // roles, which `fargo verify` simulates.
        string[] expected =
        [
            "*",
            "arn:aws:ecr:us-east-1:111111111111:repository/todo-api", "arn:aws:ecr:us-east-1:111111111111:repository/todo-worker",
            $"{Ecs}:service/fargo-qa/todo-api", $"{Ecs}:service/fargo-qa/todo-worker",
            $"{Ecs}:task-definition/todo-api-qa:*", $"{Ecs}:task-definition/todo-worker-qa:*",
            $"{Ecs}:cluster/fargo-qa", $"{Ecs}:task/fargo-qa/*",
            "arn:aws:iam::111111111111:role/todo-api-qa-execution", "arn:aws:iam::111111111111:role/todo-api-qa-task",
            "arn:aws:iam::111111111111:role/todo-worker-qa-execution", "arn:aws:iam::111111111111:role/todo-worker-qa-task",
            "arn:aws:iam::111111111111:role/todo-api-qa-deploy", "arn:aws:iam::111111111111:role/todo-api-qa-read",
            "arn:aws:logs:us-east-1:111111111111:log-group:/fargo/qa/todo-api:*", "arn:aws:logs:us-east-1:111111111111:log-group:/fargo/qa/todo-worker:*",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), statements.SelectMany(Resources).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prod_deploy_role_grants_each_services_resources_under_the_iam_path_and_assumes_only_qas_read_role()
    {
        var (roles, statements) = Synthesize("prod");

        Assert.Equal(["todo-api-prod-deploy"], roles);
        const string Path = "arn:aws:iam::222222222222:role/delegatedadmin/developer/";
        Assert.Equal(
            [$"{Path}todo-api-prod-execution", $"{Path}todo-api-prod-task", $"{Path}todo-worker-prod-execution", $"{Path}todo-worker-prod-task"],
            Resources(Sid(statements, "PassTaskRoles")));
        Assert.Equal(
            ["arn:aws:ecr:us-east-1:222222222222:repository/todo-api", "arn:aws:ecr:us-east-1:222222222222:repository/todo-worker"],
            Resources(Sid(statements, "PushToServiceRepository")));
        Assert.Equal(
            ["arn:aws:ecs:us-east-1:222222222222:service/fargo-prod/todo-api", "arn:aws:ecs:us-east-1:222222222222:service/fargo-prod/todo-worker"],
            Resources(Sid(statements, "DeployService")));
        Assert.Equal(["arn:aws:iam::111111111111:role/todo-api-qa-read"], Resources(Sid(statements, "AssumePreviousStageReadRole")));
        Assert.DoesNotContain(statements.SelectMany(Resources), resource => resource.Contains(":111111111111:", StringComparison.Ordinal) && !resource.EndsWith("todo-api-qa-read", StringComparison.Ordinal));
    }

    [Fact]
    public void Qa_read_role_reads_each_services_ecs_service_and_repository_only()
    {
        var read = DeployRolePermissions.ReadRole(Pipeline.Value, 0).ToList();

        Assert.Equal(
            ["arn:aws:ecs:us-east-1:111111111111:service/fargo-qa/todo-api", "arn:aws:ecs:us-east-1:111111111111:service/fargo-qa/todo-worker"],
            read.Single(g => g.Sid == "DescribeService").Resources);
        Assert.Equal(
            ["arn:aws:ecr:us-east-1:111111111111:repository/todo-api", "arn:aws:ecr:us-east-1:111111111111:repository/todo-worker"],
            read.Single(g => g.Sid == "PullFromServiceRepository").Resources);
        Assert.Equal(["*"], read.Single(g => g.Sid == "AccountWideReads").Resources);
        Assert.Equal(3, read.Count);
    }

    [Fact]
    public void With_infra_the_deploy_role_reads_the_environment_stack_and_every_services_stack()
    {
        var pipeline = Pipeline.Value with { Settings = Pipeline.Value.Settings with { Infra = true } };

        var stacks = DeployRolePermissions.DeployRole(pipeline, 0).Single(g => g.Sid == "ReadEnvironmentStacks");

        Assert.Equal(
            [
                "arn:aws:cloudformation:us-east-1:111111111111:stack/fargo-qa/*",
                "arn:aws:cloudformation:us-east-1:111111111111:stack/fargo-qa-todo-api/*",
                "arn:aws:cloudformation:us-east-1:111111111111:stack/fargo-qa-todo-worker/*",
            ],
            stacks.Resources);
    }

    [Fact]
    public void The_app_pipeline_stack_is_the_apps_and_its_builds_assume_the_apps_deploy_roles()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fargo-app-pipeline-{Guid.NewGuid():N}");
        try
        {
            var (app, _, assembly) = InfrastructureApp.BuildPipeline(Pipeline.Value, directory);
            app.Synth();
            Assert.Equal("fargo-todo-api-pipeline", assembly.StackName);
            var template = JsonNode.Parse(File.ReadAllText(assembly.Template))!.AsObject();
            var assumed = ServiceStackTests.PolicyStatementsOf(template, "BuildRole")
                .Concat(ServiceStackTests.PolicyStatementsOf(template, "PromoteRole"))
                .Where(s => ServiceStackTests.Actions(s).Contains("sts:AssumeRole"))
                .SelectMany(Resources)
                .Distinct()
                .Order(StringComparer.Ordinal);
            Assert.Equal(
                [
                    "arn:aws:iam::111111111111:role/todo-api-qa-deploy",
                    "arn:aws:iam::111111111111:role/todo-api-qa-read",
                    "arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy",
                ],
                assumed);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The deploy access stack of an environment: its roles' names and the deploy role's statements.</summary>
    private static (List<string> Roles, List<JsonNode> Statements) Synthesize(string environment)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fargo-app-access-{environment}-{Guid.NewGuid():N}");
        try
        {
            var (app, _, assembly) = InfrastructureApp.BuildDeployAccess(Pipeline.Value, environment, trustCodePipeline: false, directory);
            app.Synth();
            Assert.Equal($"fargo-{environment}-todo-api-deploy-access", assembly.StackName);
            var template = JsonNode.Parse(File.ReadAllText(assembly.Template))!.AsObject();
            var roles = SynthesizedEnvironment.Resources(template, "AWS::IAM::Role").Values
                .Select(role => (string)role["Properties"]!["RoleName"]!)
                .Order(StringComparer.Ordinal)
                .ToList();
            return (roles, ServiceStackTests.PolicyStatementsOf(template, "DeployRole"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static JsonNode Sid(List<JsonNode> statements, string sid) => statements.Single(s => (string?)s["Sid"] == sid);

    private static List<string> Resources(JsonNode statement) => statement["Resource"] switch
    {
        JsonArray resources => [.. resources.Select(r => r!.ToJsonString().Trim('"'))],
        var resource => [resource!.ToJsonString().Trim('"')],
    };
}
