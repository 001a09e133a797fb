using Fargo.Aws.Ecs;

namespace Fargo.Local.Tests.Support;

/// <summary>
/// Tasks that run app code with a task role, as on ECS: python with boto3 and no keys of its own, which takes the role's
/// credentials from the container credentials endpoint; and the roles themselves, made by a CloudFormation stack.
/// </summary>
internal static class RoleTasks
{
    /// <summary>Deploys <paramref name="template"/> (YAML) as <paramref name="stackName"/>, acknowledging its named IAM resources.</summary>
    public static async Task DeployAsync(EngineFixture engine, string stackName, string template)
    {
        var path = Path.Combine(engine.WorkDirectory, stackName + ".yaml");
        await File.WriteAllTextAsync(path, template);
        var deployed = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", stackName, "--template-file", path, "--capabilities", "CAPABILITY_NAMED_IAM", "--no-fail-on-empty-changeset");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
    }

    /// <summary>Runs <paramref name="python"/> in a task of <paramref name="family"/> (cluster "test") with <paramref name="taskRole"/>, until it stops.</summary>
    public static async Task<EcsTask> RunPythonAsync(EngineFixture engine, string family, string? taskRole, string python, params (string Name, string Value)[] environment)
    {
        var run = await engine.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "test",
            TaskDefinition = family,
            Overrides = new TaskOverride
            {
                TaskRoleArn = taskRole,
                ContainerOverrides =
                [
                    new ContainerOverride
                    {
                        Name = "web",
                        Command = ["python3", "-c", python],
                        Environment = [.. environment.Select(e => new Fargo.Aws.Ecs.KeyValuePair { Name = e.Name, Value = e.Value })],
                    },
                ],
            },
        });
        var arn = run.Tasks![0].TaskArn!;
        return await Eventually.UntilAsync(
            async () => (await engine.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = [arn] })).Tasks![0],
            t => t.LastStatus == "STOPPED",
            TimeSpan.FromSeconds(60),
            $"the {family} task to finish",
            t => t.LastStatus!);
    }

    /// <summary>The messages a task wrote to <paramref name="logGroup"/> that match <paramref name="pattern"/>.</summary>
    public static async Task<string> LogsAsync(EngineFixture engine, string logGroup, string pattern)
    {
        var found = await engine.AwsAsync("logs", "filter-log-events", "--log-group-name", logGroup, "--filter-pattern", pattern);
        return string.Join("\n", found.Json().GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
    }

    public static string TaskId(EcsTask task) => task.TaskArn![(task.TaskArn!.LastIndexOf('/') + 1)..];
}
