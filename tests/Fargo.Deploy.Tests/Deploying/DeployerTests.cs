using System.Text.Json;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;
using Fargo.Config;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Tests.AwsModels;
using Fargo.Deploy.Tests.Support;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Deploying;

/// <summary>The deploy path against fake ECS, ECR and SSM that answer in AWS's shapes: what gets registered, updated and rolled back.</summary>
public sealed class DeployerTests
{
    private const string RunningDigest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
    private const string NewDigest = "sha256:9b2c7e1f0a3d4c5b6a7980e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f";
    private const string Revision5 = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:5";
    private const string Revision7 = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:7";
    private const string Revision8 = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:8";

    private static readonly DateTimeOffset Start = new(2024, 11, 21, 15, 0, 0, TimeSpan.Zero);

    private static DeployTarget QaTarget(TestApis apis)
    {
        var config = (ServiceConfig)new ConfigLoader().Load(RepositoryPaths.ExampleConfig);
        return TestApis.Target(apis, ServiceSpec.FromSettings(config.ForEnvironment("qa", "todo-api")));
    }

    /// <summary>The qa service as it runs revision 7: steady, configured as fargo.toml says.</summary>
    private static TestApis RunningRevision7(string tagDigest = RunningDigest, params string[] parameters)
    {
        var apis = new TestApis
        {
            DescribeImages = request => new DescribeImagesResponse
            {
                ImageDetails = [new ImageDetail { RepositoryName = request.RepositoryName, ImageDigest = request.ImageIds![0].ImageDigest ?? tagDigest, ImageTags = ["v7"], ImageManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json" }],
            },
            DescribeServices = _ => new DescribeServicesResponse { Services = [SteadyService(Revision7, "ecs-svc/1111111111111111111")] },
            DescribeParameters = _ => new DescribeParametersResponse
            {
                Parameters = [.. parameters.DefaultIfEmpty("/todo-api/DB_PASSWORD").Select(p => new ParameterMetadata { Name = p, Type = ParameterType.SecureString })],
            },
            DescribeTaskDefinition = request =>
            {
                Assert.Equal(Revision7, request.TaskDefinition);
                Assert.Equal([TaskDefinitionField.Tags], request.Include);
                var path = Path.Combine(RepositoryPaths.Root, "tests", "Fargo.Deploy.Tests", "Deploying", "Fixtures", "describe-task-definition-qa-7.json");
                return JsonSerializer.Deserialize(File.ReadAllText(path), EcsJsonContext.Default.DescribeTaskDefinitionResponse)!;
            },
        };
        return apis;
    }

    private static Service SteadyService(string taskDefinition, string deploymentId) => new()
    {
        ServiceName = "todo-api",
        Status = "ACTIVE",
        TaskDefinition = taskDefinition,
        DesiredCount = 1,
        RunningCount = 1,
        LoadBalancers = [new LoadBalancer { TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/todo-api-qa/6d0ecf831eec9f09", ContainerName = "todo-api", ContainerPort = 8080 }],
        HealthCheckGracePeriodSeconds = 30,
        DeploymentConfiguration = new DeploymentConfiguration
        {
            MinimumHealthyPercent = 100,
            MaximumPercent = 200,
            DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
        },
        Deployments =
        [
            new Deployment { Id = deploymentId, Status = "PRIMARY", TaskDefinition = taskDefinition, DesiredCount = 1, RunningCount = 1, RolloutState = DeploymentRolloutState.Completed },
        ],
        Events = [],
    };

    [Fact]
    public async Task The_running_image_and_configuration_register_nothing_and_change_nothing()
    {
        var apis = RunningRevision7();
        var target = QaTarget(apis);

        var plan = await Deployer.PlanAsync(target, new DeployRequest("v7", null), CancellationToken.None);
        var result = await new Deployer(new FakeClock(Start)).DeployAsync(plan, new DeployRequest("v7", null), null, CancellationToken.None);

        // The revision ECS describes (with its defaults: cpu 0, hostPort, empty lists, compatibilities…) is the same.
        Assert.Empty(plan.TaskDefinitionChanges);
        Assert.Empty(plan.ServiceChanges);
        Assert.False(plan.RegistersRevision);
        Assert.Equal(DeployOutcome.AlreadyLive, result.Outcome);
        Assert.Equal(Revision7, result.TaskDefinitionArn);
        Assert.DoesNotContain("RegisterTaskDefinition", apis.Calls);
        Assert.DoesNotContain("UpdateService", apis.Calls);
    }

    [Fact]
    public async Task A_re_pushed_tag_is_pinned_to_its_new_digest_and_that_is_the_only_change()
    {
        var apis = RunningRevision7(NewDigest);
        apis.DescribeImages = request =>
        {
            Assert.Equal("todo-api", request.RepositoryName);
            Assert.Equal("111111111111", request.RegistryId);
            Assert.Equal("v7", Assert.Single(request.ImageIds!).ImageTag);
            return new DescribeImagesResponse { ImageDetails = [new ImageDetail { ImageDigest = NewDigest, ImageTags = ["v7"] }] };
        };

        var plan = await Deployer.PlanAsync(QaTarget(apis), new DeployRequest("v7", null), CancellationToken.None);

        Assert.Equal($"111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@{NewDigest}", plan.Image.Uri);
        // The edge proxy runs the service's own image, pinned the same way.
        Assert.Equal(["containerDefinitions[edge].image", "containerDefinitions[todo-api].image"], plan.TaskDefinitionChanges.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.All(plan.TaskDefinitionChanges, change =>
        {
            Assert.EndsWith(RunningDigest, change.Before, StringComparison.Ordinal);
            Assert.EndsWith(NewDigest, change.After, StringComparison.Ordinal);
        });
        Assert.True(plan.RegistersRevision);
    }

    [Fact]
    public async Task A_new_parameter_under_the_secrets_path_becomes_a_new_secret_of_the_task()
    {
        var apis = RunningRevision7(RunningDigest, "/todo-api/DB_PASSWORD", "/todo-api/SMTP_PASSWORD");

        var plan = await Deployer.PlanAsync(QaTarget(apis), new DeployRequest("v7", null), CancellationToken.None);

        var change = Assert.Single(plan.TaskDefinitionChanges);
        Assert.Equal(("containerDefinitions[todo-api].secrets[SMTP_PASSWORD]", "added"), (change.Path, change.Kind));
        Assert.Contains("arn:aws:ssm:us-east-1:111111111111:parameter/todo-api/SMTP_PASSWORD", change.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_registers_a_new_revision_and_forces_a_new_deployment_even_without_changes()
    {
        var apis = RunningRevision7();
        RegisterTaskDefinitionRequest? registered = null;
        UpdateServiceRequest? updated = null;
        apis.RegisterTaskDefinition = request =>
        {
            registered = request;
            return new RegisterTaskDefinitionResponse { TaskDefinition = new TaskDefinition { TaskDefinitionArn = Revision8, Revision = 8 } };
        };
        apis.UpdateService = request =>
        {
            updated = request;
            var service = SteadyService(Revision8, "ecs-svc/2222222222222222222");
            return new UpdateServiceResponse { Service = service with { Deployments = [service.Deployments![0] with { RolloutState = DeploymentRolloutState.InProgress }] } };
        };
        var request = new DeployRequest("v7", null, Force: true, NoWait: true);

        var plan = await Deployer.PlanAsync(QaTarget(apis), request, CancellationToken.None);
        var result = await new Deployer(new FakeClock(Start)).DeployAsync(plan, request, null, CancellationToken.None);

        Assert.True(plan.RegistersRevision);
        Assert.Equal("todo-api-qa", registered!.Family);
        Assert.Equal((Revision8, true, "fargo-qa", "todo-api"), (updated!.TaskDefinition, updated.ForceNewDeployment, updated.Cluster, updated.Service));
        Assert.Equal(DeployOutcome.Started, result.Outcome);
        Assert.Equal("ecs-svc/2222222222222222222", result.DeploymentId);
    }

    [Fact]
    public async Task A_rollout_that_times_out_is_rolled_back_by_Fargo_to_the_revision_that_ran_before()
    {
        var stuck = RecordedScenario.Load("stuck-until-timeout");
        var apis = new TestApis();
        var updates = new List<UpdateServiceRequest>();
        apis.UpdateService = request =>
        {
            updates.Add(request);
            var id = request.TaskDefinition == Revision5 ? "ecs-svc/rollback" : "ecs-svc/6650130988128453901";
            var service = SteadyService(request.TaskDefinition!, id);
            return new UpdateServiceResponse { Service = service };
        };
        var clock = new FakeClock(Start);
        var watcher = new RolloutWatcher(clock)
        {
            // The stuck revision keeps looking like the recorded rollout; the rollback settles at once.
            Reader = (_, deploymentId, at, _) => Task.FromResult(deploymentId == "ecs-svc/rollback"
                ? new ServiceSnapshot(at, SteadyService(Revision5, "ecs-svc/rollback"), [], [])
                : stuck.Snapshot(1) with { At = at }),
        };
        var deployer = new Deployer(clock) { Watcher = watcher };
        var target = TestApis.Target(apis);
        var stuckRevision = stuck.Goal.TaskDefinitionArn;

        var result = await deployer.RollOutAsync(
            target,
            new Rollout(new UpdateServiceRequest { Cluster = "fargo-qa", Service = "todo-api", TaskDefinition = stuckRevision }, Revision5, TimeSpan.FromMinutes(10)),
            null,
            CancellationToken.None);

        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        Assert.Equal(RolloutOutcome.TimedOut, result.Rollout!.Verdict.Outcome);
        Assert.Equal([stuckRevision, Revision5], updates.Select(u => u.TaskDefinition));
        Assert.True(result.Rollback!.ByFargo);
        Assert.Equal(Revision5, result.Rollback.TaskDefinitionArn);
        Assert.True(result.Rollback.Recovery!.Verdict.IsSuccess);
        Assert.InRange(clock.UtcNow - Start, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task After_a_circuit_breaker_rollback_Fargo_follows_ECS_back_to_a_steady_state_and_sends_nothing_itself()
    {
        var scenario = RecordedScenario.Load("circuit-breaker-rollback");
        var apis = new TestApis();
        var updates = 0;
        apis.UpdateService = request =>
        {
            updates++;
            var service = SteadyService(request.TaskDefinition!, scenario.Goal.DeploymentId!);
            return new UpdateServiceResponse { Service = service with { Deployments = [service.Deployments![0] with { RolloutState = DeploymentRolloutState.InProgress }] } };
        };
        var clock = new FakeClock(scenario.Frames[0].At);
        var frame = 0;
        var watcher = new RolloutWatcher(clock)
        {
            Reader = (_, deploymentId, at, _) => Task.FromResult(deploymentId == scenario.Goal.DeploymentId
                ? scenario.Snapshot(Math.Min(frame++, scenario.Frames.Count - 1)) with { At = at }
                : new ServiceSnapshot(at, SteadyService(Revision5, deploymentId!), [], [])),
        };
        var deployer = new Deployer(clock) { Watcher = watcher };

        var result = await deployer.RollOutAsync(
            TestApis.Target(apis),
            new Rollout(new UpdateServiceRequest { Cluster = "fargo-qa", Service = "todo-api", TaskDefinition = scenario.Goal.TaskDefinitionArn }, Revision5),
            null,
            CancellationToken.None);

        Assert.Equal(DeployOutcome.Failed, result.Outcome);
        Assert.Equal(RolloutOutcome.RolledBack, result.Rollout!.Verdict.Outcome);
        Assert.False(result.Rollback!.ByFargo);
        Assert.Equal(Revision5, result.Rollback.TaskDefinitionArn);
        Assert.True(result.Rollback.Recovery!.Verdict.IsSuccess);
        Assert.Equal(1, updates);
    }

    /// <summary>
    /// `fargo infra up --env qa` on a new environment: the stack created the service at desired count 0 with the bootstrap
    /// revision (no image yet). The first `fargo deploy` registers the image's revision and starts the configured count.
    /// </summary>
    [Fact]
    public async Task The_first_deploy_after_infra_up_brings_the_service_from_0_to_the_configured_count()
    {
        var apis = RunningRevision7(NewDigest);
        var atZero = SteadyService(Revision7, "ecs-svc/1111111111111111111") with { DesiredCount = 0, RunningCount = 0 };
        atZero = atZero with { Deployments = [atZero.Deployments![0] with { DesiredCount = 0, RunningCount = 0 }] };
        apis.DescribeServices = _ => new DescribeServicesResponse { Services = [atZero] };
        UpdateServiceRequest? updated = null;
        apis.RegisterTaskDefinition = _ => new RegisterTaskDefinitionResponse { TaskDefinition = new TaskDefinition { TaskDefinitionArn = Revision8, Revision = 8 } };
        apis.UpdateService = request =>
        {
            updated = request;
            var service = SteadyService(Revision8, "ecs-svc/2222222222222222222");
            return new UpdateServiceResponse { Service = service with { Deployments = [service.Deployments![0] with { RolloutState = DeploymentRolloutState.InProgress }] } };
        };
        var request = new DeployRequest("v7", null, NoWait: true);

        var plan = await Deployer.PlanAsync(QaTarget(apis), request, CancellationToken.None);
        await new Deployer(new FakeClock(Start)).DeployAsync(plan, request, null, CancellationToken.None);

        var change = Assert.Single(plan.ServiceChanges);
        Assert.Equal(("desiredCount", "0", "1"), (change.Path, change.Before, change.After));
        Assert.Equal(1, plan.StartsTasks);
        Assert.Equal((Revision8, 1), (updated!.TaskDefinition, updated.DesiredCount));
    }

    [Fact]
    public async Task A_deploy_leaves_a_running_services_count_to_scale_and_the_autoscaler()
    {
        var apis = RunningRevision7(NewDigest);
        var scaled = SteadyService(Revision7, "ecs-svc/1111111111111111111") with { DesiredCount = 5, RunningCount = 5 };
        apis.DescribeServices = _ => new DescribeServicesResponse { Services = [scaled] };

        var plan = await Deployer.PlanAsync(QaTarget(apis), new DeployRequest("v7", null), CancellationToken.None);

        Assert.Null(plan.StartsTasks);
        Assert.Empty(plan.ServiceChanges);
    }

    [Fact]
    public async Task The_same_image_on_a_service_at_0_is_not_already_live_it_is_started_and_watched()
    {
        var apis = RunningRevision7();
        var atZero = SteadyService(Revision7, "ecs-svc/1111111111111111111") with { DesiredCount = 0, RunningCount = 0 };
        atZero = atZero with { Deployments = [atZero.Deployments![0] with { DesiredCount = 0, RunningCount = 0 }] };
        apis.DescribeServices = _ => new DescribeServicesResponse { Services = [atZero] };
        UpdateServiceRequest? updated = null;
        apis.UpdateService = request =>
        {
            updated = request;
            return new UpdateServiceResponse { Service = atZero with { DesiredCount = 1 } };
        };
        var request = new DeployRequest("v7", null, NoWait: true);

        var plan = await Deployer.PlanAsync(QaTarget(apis), request, CancellationToken.None);
        var result = await new Deployer(new FakeClock(Start)).DeployAsync(plan, request, null, CancellationToken.None);

        Assert.False(plan.RegistersRevision);
        Assert.Equal(DeployOutcome.Started, result.Outcome);
        Assert.Equal((Revision7, 1), (updated!.TaskDefinition, updated.DesiredCount));
        Assert.DoesNotContain("RegisterTaskDefinition", apis.Calls);
    }

    [Fact]
    public async Task Credentials_of_another_account_are_refused_before_anything_is_changed()
    {
        var apis = new TestApis
        {
            GetCallerIdentity = _ => new GetCallerIdentityResponse { Account = "999999999999", Arn = "arn:aws:iam::999999999999:user/dev", UserId = "AIDAEXAMPLE" },
        };
        var environment = new TargetEnvironment("prod", false, "222222222222", "us-east-1", true);

        var error = await Assert.ThrowsAsync<WrongAccountException>(() => TargetResolver.CheckAccountAsync(apis, environment, CancellationToken.None));

        Assert.Equal(
            "The AWS credentials in use belong to account 999999999999 (arn:aws:iam::999999999999:user/dev), but environment 'prod' is account 222222222222. Nothing was changed.",
            error.Message);
        Assert.Equal(["GetCallerIdentity"], apis.Calls);
    }
}
