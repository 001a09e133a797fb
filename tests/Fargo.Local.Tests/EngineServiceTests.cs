using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Aws.Ssm;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// Services on a running engine, driven through Fargo.Aws and the official AWS CLI: tasks that really run
/// and answer HTTP, rolling updates, the circuit breaker with rollback, replacement of a killed task,
/// one-off tasks and their logs.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EngineServiceTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_service_runs_two_tasks_that_answer_on_their_own_addresses()
    {
        await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/web/api-key", Value = "s3cr3t-key", Type = ParameterType.SecureString });
        await engine.CreateServiceAsync("web", 2, "v1", secretParameter: "/web/api-key");

        var service = await engine.WaitSteadyAsync("web", 2);
        var tasks = await engine.TasksAsync("web");

        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t =>
        {
            Assert.Equal("RUNNING", t.LastStatus);
            Assert.Equal(HealthStatus.Healthy, t.HealthStatus);
            Assert.Equal("service:web", t.Group);
            Assert.Equal(service.Deployments![0].Id, t.StartedBy);
        });
        var answers = await Task.WhenAll(tasks.Select(EngineFixture.GetAsync));
        Assert.All(answers, a => Assert.Equal("v1", a.Version));
        Assert.All(answers, a => Assert.Equal("s3cr3t-key", a.Secret));
        Assert.Equal(2, answers.Select(a => a.Port).Distinct().Count());
        Assert.Contains(service.Events!, e => e.Message!.StartsWith("(service web) has started 2 tasks: (task ", StringComparison.Ordinal));
        Assert.Equal("(service web) has reached a steady state.", service.Events![0].Message);

        // The AWS CLI sees the same: the task's address and the container port mapped to its host port.
        var cli = await engine.AwsAsync("ecs", "describe-tasks", "--cluster", "test", "--tasks", tasks[0].TaskArn!);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var container = cli.Json().GetProperty("tasks")[0].GetProperty("containers")[0];
        Assert.Equal("127.0.0.1", container.GetProperty("networkInterfaces")[0].GetProperty("privateIpv4Address").GetString());
        Assert.Contains(answers, a => a.Port == container.GetProperty("networkBindings")[0].GetProperty("hostPort").GetInt32());

        await engine.RemoveServiceAsync("web");
    }

    [Fact]
    public async Task A_rolling_update_replaces_every_task_while_keeping_the_minimum_healthy()
    {
        await engine.CreateServiceAsync("roll", 2, "v1");
        var before = await engine.WaitSteadyAsync("roll", 2);
        var v2 = await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("roll", engine.TestServiceImage, "v2", "/test/roll"));

        await engine.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "test", Service = "roll", TaskDefinition = v2.TaskDefinition!.TaskDefinitionArn });

        // minimumHealthyPercent 100: at every look, at least 2 healthy tasks are meant to run.
        var started = DateTimeOffset.UtcNow;
        Service service;
        while (true)
        {
            var tasks = await engine.TasksAsync("roll");
            Assert.True(
                tasks.Count(t => t.LastStatus == "RUNNING" && t.HealthStatus == HealthStatus.Healthy) >= 2,
                "fewer than 2 healthy tasks during the update: " + string.Join(", ", tasks.Select(t => $"{t.TaskArn} {t.LastStatus} {t.HealthStatus}")));
            service = await engine.DescribeServiceAsync("roll");
            if (service.Deployments!.Count == 1 && service.Deployments[0].RolloutState == DeploymentRolloutState.Completed)
            {
                break;
            }

            Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(60), "rolling update did not finish: " + EngineFixture.Describe(service));
            await Task.Delay(150);
        }

        Assert.NotEqual(before.Deployments![0].Id, service.Deployments[0].Id);
        Assert.Equal(v2.TaskDefinition.TaskDefinitionArn, service.TaskDefinition);
        var answers = await Task.WhenAll((await engine.TasksAsync("roll")).Select(EngineFixture.GetAsync));
        Assert.Equal(["v2", "v2"], answers.Select(a => a.Version));
        Assert.Contains(service.Events!, e => e.Message == $"(service roll) (deployment {service.Deployments[0].Id}) deployment completed.");
        Assert.Contains(service.Events!, e => e.Message!.StartsWith("(service roll) has stopped 2 running tasks", StringComparison.Ordinal)
                                              || e.Message!.StartsWith("(service roll) has stopped 1 running tasks", StringComparison.Ordinal));

        await engine.RemoveServiceAsync("roll");
    }

    [Fact]
    public async Task A_revision_that_exits_at_once_trips_the_circuit_breaker_and_rolls_back_while_the_old_tasks_keep_running()
    {
        await engine.CreateServiceAsync("breaker", 2, "v1");
        var steady = await engine.WaitSteadyAsync("breaker", 2);
        var good = steady.Deployments![0];
        var oldTasks = await engine.TasksAsync("breaker");
        var broken = await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("breaker", engine.TestServiceImage, "v2", "/test/breaker", exitAtOnce: true));

        await engine.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "test", Service = "breaker", TaskDefinition = broken.TaskDefinition!.TaskDefinitionArn });

        var started = DateTimeOffset.UtcNow;
        Service service;
        while (true)
        {
            // The old tasks stay RUNNING and keep answering throughout.
            var old = await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = oldTasks.Select(t => t.TaskArn!).ToList() });
            Assert.All(old.Tasks!, t => Assert.Equal("RUNNING", t.LastStatus));
            Assert.All(await Task.WhenAll(old.Tasks!.Select(EngineFixture.GetAsync)), a => Assert.Equal("v1", a.Version));

            service = await engine.DescribeServiceAsync("breaker");
            if (service.Deployments!.Count == 1 && service.Deployments[0].RolloutState == DeploymentRolloutState.Completed
                && service.Events!.Any(e => e.Message!.Contains("rolling back", StringComparison.Ordinal)))
            {
                break;
            }

            Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(90), "no rollback: " + EngineFixture.Describe(service));
            await Task.Delay(200);
        }

        // Rolled back to the deployment that had completed, with ECS's words.
        Assert.Equal(good.Id, service.Deployments[0].Id);
        Assert.Equal(good.TaskDefinition, service.TaskDefinition);
        var messages = service.Events!.Select(e => e.Message!).ToList();
        var failedDeployment = messages.Single(m => m.EndsWith("deployment failed: tasks failed to start.", StringComparison.Ordinal));
        Assert.StartsWith("(service breaker) (deployment ecs-svc/", failedDeployment, StringComparison.Ordinal);
        var rollingBack = messages.IndexOf($"(service breaker) rolling back to deployment {good.Id}.");
        Assert.True(rollingBack >= 0 && rollingBack < messages.IndexOf(failedDeployment), string.Join("\n", messages));
        Assert.Equal((await engine.TasksAsync("breaker")).Select(t => t.TaskArn).Order(), oldTasks.Select(t => t.TaskArn).Order());

        // The tasks of the broken revision stopped as ECS reports an app that exits: exit code, stop code, reason.
        var stopped = (await engine.TasksAsync("breaker", "STOPPED")).Where(t => t.TaskDefinitionArn == broken.TaskDefinition.TaskDefinitionArn).ToList();
        // ECS's threshold for 2 desired tasks: ceil(0.5 x 2) clamped to at least 3.
        Assert.True(stopped.Count >= 3, $"{stopped.Count} failed tasks");
        Assert.Contains(stopped, t => t.StopCode == TaskStopCode.EssentialContainerExited
                                      && t.StoppedReason == "Essential container in task exited"
                                      && t.Containers![0].ExitCode == 3
                                      && t.LastStatus == "STOPPED");

        // And the AWS CLI reads the same outcome.
        var cli = await engine.AwsAsync("ecs", "describe-services", "--cluster", "test", "--services", "breaker");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var deployments = cli.Json().GetProperty("services")[0].GetProperty("deployments");
        Assert.Equal(1, deployments.GetArrayLength());
        Assert.Equal("COMPLETED", deployments[0].GetProperty("rolloutState").GetString());
        Assert.Equal($"ECS deployment {good.Id} completed.", deployments[0].GetProperty("rolloutStateReason").GetString());

        await engine.RemoveServiceAsync("breaker");
    }

    [Fact]
    public async Task A_task_killed_with_SIGKILL_is_replaced()
    {
        await engine.CreateServiceAsync("kill", 2, "v1");
        await engine.WaitSteadyAsync("kill", 2);
        var victim = (await engine.TasksAsync("kill"))[0];
        var pid = (await EngineFixture.GetAsync(victim)).Pid;

        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill();
        }

        var stopped = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [victim.TaskArn!] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(30),
            "the killed task to be STOPPED",
            t => $"{t.LastStatus} {t.DesiredStatus} {t.StoppedReason}");
        Assert.Equal(TaskStopCode.EssentialContainerExited, stopped.StopCode);
        Assert.Equal(137, stopped.Containers![0].ExitCode);

        var service = await Eventually.UntilAsync(
            () => engine.DescribeServiceAsync("kill"),
            s => s.RunningCount == 2 && s.Events![0].Message == "(service kill) has reached a steady state."
                 && s.Events.Any(e => e.Message!.StartsWith("(service kill) has started 1 tasks: (task ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "a replacement task",
            EngineFixture.Describe);
        var tasks = await engine.TasksAsync("kill");
        Assert.DoesNotContain(tasks, t => t.TaskArn == victim.TaskArn);
        Assert.All(await Task.WhenAll(tasks.Select(EngineFixture.GetAsync)), a => Assert.Equal("v1", a.Version));
        Assert.Equal(2, service.RunningCount);

        await engine.RemoveServiceAsync("kill");
    }

    [Fact]
    public async Task A_one_off_task_runs_its_command_override_and_its_output_is_readable_with_aws_logs()
    {
        var definition = await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("oneoff", engine.TestServiceImage, "v1", "/test/oneoff"));

        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "test",
            TaskDefinition = "oneoff",
            LaunchType = LaunchType.Fargate,
            Overrides = new TaskOverride
            {
                ContainerOverrides = [new ContainerOverride { Name = "web", Command = ["python3", "-c", "print('hello from a one-off task'); raise SystemExit(7)"] }],
            },
        });

        var task = Assert.Single(run.Tasks!);
        Assert.Equal("PROVISIONING", task.LastStatus);
        Assert.Equal("family:oneoff", task.Group);
        var stopped = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [task.TaskArn!] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(30),
            "the one-off task to stop",
            t => t.LastStatus!);
        Assert.Equal(7, stopped.Containers![0].ExitCode);
        Assert.Equal(TaskStopCode.EssentialContainerExited, stopped.StopCode);
        Assert.NotNull(stopped.StartedAt);
        Assert.NotNull(stopped.StoppedAt);
        Assert.Equal(definition.TaskDefinition!.TaskDefinitionArn, stopped.TaskDefinitionArn);

        var taskArn = task.TaskArn!;
        var taskId = taskArn[(taskArn.LastIndexOf('/') + 1)..];
        var logs = await engine.AwsAsync("logs", "filter-log-events", "--log-group-name", "/test/oneoff", "--filter-pattern", "\"one-off task\"");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        var events = logs.Json().GetProperty("events").EnumerateArray().ToList();
        var line = Assert.Single(events);
        Assert.Equal("hello from a one-off task", line.GetProperty("message").GetString());
        Assert.Equal($"oneoff/web/{taskId}", line.GetProperty("logStreamName").GetString());

        var streams = await engine.AwsAsync("logs", "describe-log-streams", "--log-group-name", "/test/oneoff");
        Assert.Contains(streams.Json().GetProperty("logStreams").EnumerateArray(), s => s.GetProperty("logStreamName").GetString() == $"oneoff/web/{taskId}");
    }

    [Fact]
    public async Task StopTask_stops_a_task_with_ECS_s_stop_code_and_the_reason_given()
    {
        await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("stopme", engine.TestServiceImage, "v1", "/test/stopme"));
        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = "stopme" });
        var arn = run.Tasks![0].TaskArn!;
        await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [arn] })).Tasks![0],
            t => t.LastStatus == "RUNNING",
            TimeSpan.FromSeconds(30),
            "the task to run",
            t => t.LastStatus!);

        var stop = await engine.AwsAsync("ecs", "stop-task", "--cluster", "test", "--task", arn, "--reason", "maintenance window");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        var answered = stop.Json().GetProperty("task");
        Assert.Equal("STOPPED", answered.GetProperty("desiredStatus").GetString());
        Assert.Equal("UserInitiated", answered.GetProperty("stopCode").GetString());
        var stopped = await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [arn] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(30),
            "the task to stop",
            t => t.LastStatus!);
        Assert.Equal("maintenance window", stopped.StoppedReason);
        Assert.NotNull(stopped.StoppingAt);
        Assert.Equal(143, stopped.Containers![0].ExitCode); // SIGTERM, as Docker reports it
    }

    [Fact]
    public async Task ECS_errors_are_AWS_s_errors()
    {
        var noCluster = await Assert.ThrowsAsync<AwsServiceException>(() =>
            engine.Ecs.CreateServiceAsync(new CreateServiceRequest { Cluster = "nope", ServiceName = "x", TaskDefinition = "oneoff", DesiredCount = 1 }));
        Assert.Equal(("ClusterNotFoundException", "Cluster not found.", 400), (noCluster.Code, noCluster.Message, noCluster.HttpStatus));

        var noService = await Assert.ThrowsAsync<AwsServiceException>(() =>
            engine.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "test", Service = "nope", DesiredCount = 1 }));
        Assert.Equal(("ServiceNotFoundException", "Service not found."), (noService.Code, noService.Message));

        var noDefinition = await Assert.ThrowsAsync<AwsServiceException>(() =>
            engine.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "nope:1" }));
        Assert.Equal(("ClientException", "Unable to describe task definition."), (noDefinition.Code, noDefinition.Message));

        var badSize = TestService.TaskDefinition("badsize", engine.TestServiceImage, "v1", "/test/x") with { Cpu = "256", Memory = "4096" };
        var size = await Assert.ThrowsAsync<AwsServiceException>(() => engine.Ecs.RegisterTaskDefinitionAsync(badSize));
        Assert.Equal("ClientException", size.Code);
        Assert.Contains("No Fargate configuration exists for given values: 256 CPU, 4096 memory", size.Message, StringComparison.Ordinal);

        var missing = await engine.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "test", Services = ["ghost"] });
        Assert.Empty(missing.Services!);
        var failure = Assert.Single(missing.Failures!);
        Assert.Equal(("arn:aws:ecs:local:000000000000:service/test/ghost", "MISSING"), (failure.Arn, failure.Reason));

        // The AWS CLI shows the same code and message.
        var cli = await engine.AwsAsync("ecs", "update-service", "--cluster", "test", "--service", "nope", "--desired-count", "1");
        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("An error occurred (ServiceNotFoundException) when calling the UpdateService operation", cli.Error, StringComparison.Ordinal);
        Assert.EndsWith(": Service not found.", cli.Error.Trim(), StringComparison.Ordinal);
    }
}
