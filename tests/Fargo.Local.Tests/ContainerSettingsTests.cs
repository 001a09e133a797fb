using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Local.Client;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// What a container definition says about the process a task runs: entry point, command and working directory,
/// the hard memory limit (a container over it is killed as ECS kills it) and the checks ECS makes on the limits.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ContainerSettingsTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task Entry_point_command_and_working_directory_take_effect()
    {
        var image = await ImageAsync("workdir");
        await engine.Ecs.RegisterTaskDefinitionAsync(OneOff("workdir", image, container => container with
        {
            EntryPoint = ["sh", "-c"],
            Command = ["echo \"in $(pwd) with $(cat marker.txt)\"; exit 4"],
            WorkingDirectory = "/app/bin",
        }));

        var stopped = await RunToStopAsync("workdir");

        Assert.Equal(4, stopped.Containers![0].ExitCode);
        var logged = await LogLinesAsync("/test/workdir");
        var line = Assert.Single(logged);
        Assert.StartsWith("in ", line, StringComparison.Ordinal);
        Assert.EndsWith("/app/bin with the bin folder", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_over_its_hard_memory_limit_is_killed_as_ECS_kills_it()
    {
        var image = await ImageAsync("hungry");
        await engine.Ecs.RegisterTaskDefinitionAsync(OneOff("hungry", image, container => container with
        {
            Memory = 64,
            MemoryReservation = 32,
            // 256 MiB of bytes that are really written, so they are resident; then it waits to be killed.
            Command = ["python3", "-c", "import time; b = b'x' * (256 * 1024 * 1024); print('allocated', flush=True); time.sleep(120)"],
        }));

        var stopped = await RunToStopAsync("hungry");

        var container = stopped.Containers![0];
        Assert.Equal(137, container.ExitCode);
        Assert.Equal("OutOfMemoryError: Container killed due to memory usage", container.Reason);
        Assert.Equal(TaskStopCode.EssentialContainerExited, stopped.StopCode);
        Assert.Equal("Essential container in task exited", stopped.StoppedReason);
    }

    [Fact]
    public async Task A_container_under_its_limit_keeps_running()
    {
        var image = await ImageAsync("modest");
        await engine.Ecs.RegisterTaskDefinitionAsync(OneOff("modest", image, container => container with
        {
            Memory = 256,
            Command = ["python3", "-c", "import time; b = b'x' * (16 * 1024 * 1024); print('allocated', flush=True); time.sleep(3)"],
        }));

        var stopped = await RunToStopAsync("modest");

        Assert.Equal(0, stopped.Containers![0].ExitCode);
        Assert.Null(stopped.Containers[0].Reason);
    }

    [Theory]
    [InlineData(128, 256, "memoryReservation")]
    [InlineData(1024, null, "memory")]
    public async Task Limits_ECS_refuses_are_refused(int memory, int? reservation, string named)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => engine.Ecs.RegisterTaskDefinitionAsync(OneOff("limits", engine.TestServiceImage, container => container with
        {
            Memory = memory,
            MemoryReservation = reservation,
        })));

        Assert.Equal("ClientException", error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private Task<string> ImageAsync(string name) => OneOffTasks.ImageAsync(engine, name);

    private static RegisterTaskDefinitionRequest OneOff(string family, string image, Func<ContainerDefinition, ContainerDefinition> shape) =>
        OneOffTasks.Definition(family, image, container => [shape(container)]);

    private Task<EcsTask> RunToStopAsync(string family) => OneOffTasks.RunToStopAsync(engine, family);

    private async Task<IReadOnlyList<string>> LogLinesAsync(string group)
    {
        var logs = await engine.AwsAsync("logs", "filter-log-events", "--log-group-name", group);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        return [.. logs.Json().GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!)];
    }
}
