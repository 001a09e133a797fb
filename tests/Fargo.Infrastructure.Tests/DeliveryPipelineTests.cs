using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>The pipeline's stages, GitHub environments and names, from [pipeline] and the stages' settings.</summary>
public sealed class DeliveryPipelineTests
{
    [Fact]
    public void Last_of_several_stages_is_the_protected_production_environment_the_others_keep_their_names()
    {
        var stages = ExampleConfig.PipelineStages();
        var staging = stages[0] with { Environment = stages[0].Environment with { Name = "staging" } };
        var pipeline = DeliveryPipeline.Create(Settings(), "acme/todo-api", [stages[0], staging, stages[1]], "1.0.0");
        Assert.Equal(["qa", "staging", "production"], pipeline.Stages.Select(s => s.GitHubEnvironment));
        Assert.Equal("staging", pipeline.PreviousOf(2).Name);

        // One stage: it is the first, and keeps its name.
        var single = DeliveryPipeline.Create(Settings(), "acme/todo-api", [stages[0]], "1.0.0");
        Assert.Equal("qa", Assert.Single(single.Stages).GitHubEnvironment);
    }

    [Fact]
    public void Later_stages_promote_from_the_one_before_read_with_its_read_role_and_written_with_their_own_deploy_role()
    {
        var pipeline = TestPipelines.Webhook();
        Assert.Equal(
            [
                "V=\"${FARGO_COMMIT:0:7}\"",
                "cd \"services/todo-api\"",
                "aws configure set profile.fargo-deploy.role_arn arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy",
                "aws configure set profile.fargo-deploy.credential_source EcsContainer",
                "aws configure set profile.fargo-deploy.region us-east-1",
                "export AWS_PROFILE=fargo-deploy",
                "aws configure set profile.fargo-read.role_arn arn:aws:iam::111111111111:role/todo-api-qa-read",
                "aws configure set profile.fargo-read.credential_source EcsContainer",
                "aws configure set profile.fargo-read.region us-east-1",
                "fargo promote --from qa --to prod --version \"$V\" --from-profile fargo-read",
                "fargo deploy --env prod --version \"$V\" --yes",
            ],
            PipelineCommands.LaterStage(pipeline, 1));
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-pipeline-build", pipeline.CodeBuildRoleArn(0));
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-pipeline-promote", pipeline.CodeBuildRoleArn(1));
    }

    [Fact]
    public void Each_later_stage_reads_the_stage_right_before_it_through_that_stages_read_role()
    {
        var stages = ExampleConfig.PipelineStages();
        var staging = stages[0] with { Environment = stages[0].Environment with { Name = "staging", Account = "333333333333", Region = "eu-west-1" }, Names = ResourceNaming.For(stages[0].Name, "staging") };
        var pipeline = DeliveryPipeline.Create(Settings(), "acme/todo-api", [stages[0], staging, stages[1]], "1.0.0");
        var prod = PipelineCommands.LaterStage(pipeline, 2);
        Assert.Contains("aws configure set profile.fargo-read.role_arn arn:aws:iam::333333333333:role/todo-api-staging-read", prod);
        Assert.Contains("aws configure set profile.fargo-read.region eu-west-1", prod);
        Assert.Contains("fargo promote --from staging --to prod --version \"$V\" --from-profile fargo-read", prod);
        Assert.Contains("aws configure set profile.fargo-read.role_arn arn:aws:iam::111111111111:role/todo-api-qa-read", PipelineCommands.LaterStage(pipeline, 1));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("https://github.com/acme/todo-api")]
    [InlineData("acme/todo api")]
    [InlineData("")]
    public void A_repository_that_is_not_owner_slash_name_is_refused(string repository)
    {
        var error = Assert.Throws<InfrastructureConfigurationException>(() => DeliveryPipeline.Create(Settings(), repository, ExampleConfig.PipelineStages(), "1.0.0"));
        Assert.Contains("[pipeline] repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_or_accountless_stages_and_an_empty_pipeline_are_refused()
    {
        var stages = ExampleConfig.PipelineStages();
        var local = stages[0] with { Environment = new EnvironmentTarget("local", "000000000000", "local", false, IsLocal: true) };
        Assert.Contains("not an AWS environment", Assert.Throws<InfrastructureConfigurationException>(() => DeliveryPipeline.Create(Settings(), "acme/todo-api", [local, stages[1]], "1.0.0")).Message, StringComparison.Ordinal);
        Assert.Contains("no stage", Assert.Throws<InfrastructureConfigurationException>(() => DeliveryPipeline.Create(Settings(), "acme/todo-api", [], "1.0.0")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CodePipeline_builds_run_every_test_in_order_and_with_infra_apply_the_stacks_right_before_each_deploy()
    {
        var settings = Settings() with { Tests = ["dotnet App.dll --self-test", "dotnet App.dll --check-migrations"], Infra = true };
        var pipeline = DeliveryPipeline.Create(settings, "acme/todo-api", ExampleConfig.PipelineStages(), "1.0.0");

        var first = PipelineCommands.FirstStage(pipeline).SkipWhile(c => !c.StartsWith("fargo build", StringComparison.Ordinal)).ToList();
        var later = PipelineCommands.LaterStage(pipeline, 1).SkipWhile(c => !c.StartsWith("fargo promote", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                "fargo build --env qa --version \"$V\" --test \"$FARGO_TEST_1\" --test \"$FARGO_TEST_2\"",
                "fargo push --env qa --version \"$V\"",
                "fargo infra diff --env qa",
                "fargo infra up --env qa --yes",
                "fargo deploy --env qa --version \"$V\" --yes",
            ],
            first);
        Assert.Equal(["fargo infra diff --env prod", "fargo infra up --env prod --yes", "fargo deploy --env prod --version \"$V\" --yes"], later.Skip(1));
        Assert.DoesNotContain(PipelineCommands.FirstStage(TestPipelines.Webhook()), c => c.StartsWith("fargo infra", StringComparison.Ordinal));
    }

    private static PipelineSettings Settings() => new("acme/todo-api", "main", ["qa", "prod"], [], [], null);
}
