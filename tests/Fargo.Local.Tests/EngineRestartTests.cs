using Fargo.Aws.Ecs;
using Fargo.Aws.Ssm;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>The engine killed with SIGKILL and started again: nothing registered is lost, and services recover.</summary>
[Collection(EngineCollection.Name)]
public sealed class EngineRestartTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task After_kill_9_and_a_restart_services_and_parameters_are_there_and_tasks_are_back_to_the_desired_count()
    {
        await engine.Ssm.PutParameterAsync(new PutParameterRequest { Name = "/survivor/token", Value = "kept-secret", Type = ParameterType.SecureString });
        await engine.CreateServiceAsync("survivor", 2, "v1", secretParameter: "/survivor/token");
        await engine.WaitSteadyAsync("survivor", 2);
        var before = await engine.TasksAsync("survivor");
        var survivor = before[0];
        var casualty = before[1];
        var casualtyPid = (await EngineFixture.GetAsync(casualty)).Pid;
        var oldEngine = engine.Region.ProcessId;

        await engine.KillEngineAsync();
        // While the engine is down, one task's process dies too: the restarted engine must notice.
        using (var process = System.Diagnostics.Process.GetProcessById(casualtyPid))
        {
            process.Kill();
        }

        // The other task kept serving without its engine.
        Assert.Equal("v1", (await EngineFixture.GetAsync(survivor)).Version);

        await engine.StartAsync();
        Assert.NotEqual(oldEngine, engine.Region.ProcessId);

        var parameter = await engine.Ssm.GetParameterAsync(new GetParameterRequest { Name = "/survivor/token", WithDecryption = true });
        Assert.Equal("kept-secret", parameter.Parameter!.Value);
        var definitions = await engine.Ecs.ListTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "survivor" });
        Assert.Single(definitions.TaskDefinitionArns!);

        var service = await engine.WaitSteadyAsync("survivor", 2);
        var after = await engine.TasksAsync("survivor");
        Assert.Equal(2, after.Count);
        Assert.Contains(after, t => t.TaskArn == survivor.TaskArn); // adopted, not restarted
        Assert.DoesNotContain(after, t => t.TaskArn == casualty.TaskArn);
        Assert.All(await Task.WhenAll(after.Select(EngineFixture.GetAsync)), a => Assert.Equal("kept-secret", a.Secret));
        Assert.Contains(service.Events!, e => e.Message!.StartsWith("(service survivor) has started 1 tasks:", StringComparison.Ordinal));

        var dead = (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [casualty.TaskArn!] })).Tasks![0];
        Assert.Equal("STOPPED", dead.LastStatus);
        Assert.Equal(TaskStopCode.EssentialContainerExited, dead.StopCode);

        // The AWS CLI agrees after the restart too.
        var cli = await engine.AwsAsync("ecs", "describe-services", "--cluster", "test", "--services", "survivor");
        Assert.Equal(2, cli.Json().GetProperty("services")[0].GetProperty("runningCount").GetInt32());

        // `fargo local stop` leaves no task process behind.
        var stop = await engine.FargoAsync("local", "stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        foreach (var task in after)
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => EngineFixture.GetAsync(task));
        }
    }
}
