using Fargo.Aws.Ecs;
using Fargo.Local.Client;

namespace Fargo.Local.Tests.Support;

/// <summary>Tasks run once on the engine with RunTask, from an image of a few files: what tests of a container's behaviour need.</summary>
internal static class OneOffTasks
{
    /// <summary>An image named <paramref name="name"/>:v1 whose folder holds app/bin/marker.txt.</summary>
    public static async Task<string> ImageAsync(EngineFixture engine, string name)
    {
        var folder = Path.Combine(engine.WorkDirectory, "image-" + name);
        Directory.CreateDirectory(Path.Combine(folder, "app", "bin"));
        await File.WriteAllTextAsync(Path.Combine(folder, "app", "bin", "marker.txt"), "the bin folder");
        var imported = await LocalImageImporter.ImportAsync(engine.Region, folder, name, "v1", CancellationToken.None);
        return imported.TaggedImageUri;
    }

    /// <summary>The test service's task definition with its container as <paramref name="shape"/> makes it, from a template without health check or port.</summary>
    public static RegisterTaskDefinitionRequest Definition(string family, string image, Func<ContainerDefinition, IReadOnlyList<ContainerDefinition>> shape)
    {
        var definition = TestService.TaskDefinition(family, image, "v1", "/test/" + family);
        var container = definition.ContainerDefinitions[0] with { HealthCheck = null, PortMappings = null };
        return definition with { ContainerDefinitions = [.. shape(container)] };
    }

    /// <summary>Runs the family's latest revision in cluster "test" and waits for the task to stop.</summary>
    public static async Task<EcsTask> RunToStopAsync(EngineFixture engine, string family)
    {
        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "test", TaskDefinition = family, LaunchType = LaunchType.Fargate });
        var arn = Assert.Single(run.Tasks!).TaskArn!;
        return await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [arn] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(60),
            $"the {family} task to stop",
            t => t.LastStatus!);
    }
}
