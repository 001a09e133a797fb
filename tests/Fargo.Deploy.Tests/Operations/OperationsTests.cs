using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.Ssm;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Tests.Support;

namespace Fargo.Deploy.Tests.Operations;

public sealed class OperationsTests
{
    private const string RunningDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private static TestApis Running(string image, string taskDefinition = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:7") => new()
    {
        DescribeServices = _ => new DescribeServicesResponse
        {
            Services =
            [
                new Service
                {
                    ServiceName = "todo-api",
                    Status = "ACTIVE",
                    TaskDefinition = taskDefinition,
                    LaunchType = LaunchType.Fargate,
                    PlatformVersion = "LATEST",
                    NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-0a1b2c3d4e5f60718"], SecurityGroups = ["sg-0c5e1d2f3a4b5c6d7"] } },
                    Deployments = [new Deployment { Id = "ecs-svc/1", Status = "PRIMARY", TaskDefinition = taskDefinition, RolloutState = DeploymentRolloutState.Completed }],
                },
            ],
        },
        DescribeTaskDefinition = _ => new DescribeTaskDefinitionResponse
        {
            TaskDefinition = new TaskDefinition { TaskDefinitionArn = taskDefinition, ContainerDefinitions = [new ContainerDefinition { Name = "todo-api", Image = image }] },
        },
    };

    [Fact]
    public async Task Rollback_without_a_revision_goes_to_the_newest_ACTIVE_one_before_the_running_one()
    {
        var apis = new TestApis
        {
            ListTaskDefinitions = request =>
            {
                Assert.Equal(("todo-api-qa", "ACTIVE", "DESC"), (request.FamilyPrefix, request.Status?.Value, request.Sort?.Value));
                return new ListTaskDefinitionsResponse
                {
                    // Revision 8 is newer than the running 7 (registered, never rolled out); 6 was deregistered.
                    TaskDefinitionArns =
                    [
                        "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:8",
                        "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:7",
                        "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:5",
                        "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa-canary:6",
                    ],
                };
            },
            DescribeTaskDefinition = request => Revision(request.TaskDefinition, "111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@" + RunningDigest),
        };

        var previous = await Revisions.PreviousAsync(TestApis.Target(apis), "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:7", CancellationToken.None);

        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:5", previous);
    }

    [Fact]
    public async Task Rollback_never_goes_to_the_service_stacks_placeholder_revision()
    {
        // fargo up / infra up make revision 1 with the placeholder image; the first deploy registers revision 2.
        var described = new List<string>();
        var apis = new TestApis
        {
            ListTaskDefinitions = _ => new ListTaskDefinitionsResponse
            {
                TaskDefinitionArns =
                [
                    "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:2",
                    "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:1",
                ],
            },
            DescribeTaskDefinition = request =>
            {
                described.Add(request.TaskDefinition);
                return Revision(request.TaskDefinition, "111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api:bootstrap");
            },
        };

        var refused = await Assert.ThrowsAsync<DeployException>(() =>
            Revisions.PreviousAsync(TestApis.Target(apis), "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:2", CancellationToken.None));

        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:1"], described);
        Assert.StartsWith("There is no ACTIVE revision of todo-api-qa before 2 to roll back to (the service stack's first revision", refused.Message, StringComparison.Ordinal);
    }

    private static DescribeTaskDefinitionResponse Revision(string arn, string image) => new()
    {
        TaskDefinition = new TaskDefinition
        {
            TaskDefinitionArn = arn,
            ContainerDefinitions = [new ContainerDefinition { Name = "todo-api", Image = image }],
        },
    };

    [Fact]
    public async Task Secret_set_stores_a_SecureString_under_the_secrets_path_and_refuses_names_that_are_no_variable()
    {
        PutParameterRequest? put = null;
        var apis = new TestApis { PutParameter = request => { put = request; return new PutParameterResponse { Version = 3 }; } };
        var target = TestApis.Target(apis);

        var version = await Secrets.SetAsync(target, "API_KEY", "s3cr3t", CancellationToken.None);
        await Assert.ThrowsAsync<DeployUsageException>(() => Secrets.SetAsync(target, "api-key", "x", CancellationToken.None));
        await Assert.ThrowsAsync<DeployUsageException>(() => Secrets.SetAsync(target, "1KEY", "x", CancellationToken.None));

        Assert.Equal(3, version);
        Assert.Equal(("/todo-api/API_KEY", "SecureString", true), (put!.Name, put.Type?.Value, put.Overwrite));
        Assert.Single(apis.Calls);
    }

    [Fact]
    public async Task Secret_list_names_the_parameters_under_the_path_and_never_asks_for_a_value()
    {
        var apis = new TestApis
        {
            DescribeParameters = request =>
            {
                var filter = Assert.Single(request.ParameterFilters!);
                Assert.Equal(("Path", "Recursive", "/todo-api"), (filter.Key, filter.Option, filter.Values![0]));
                return new DescribeParametersResponse
                {
                    Parameters =
                    [
                        new ParameterMetadata { Name = "/todo-api/DB_PASSWORD", Type = ParameterType.SecureString, Version = 1 },
                        new ParameterMetadata { Name = "/todo-api/API_KEY", Type = ParameterType.SecureString, Version = 4 },
                    ],
                };
            },
        };

        var entries = await Secrets.ListAsync(TestApis.Target(apis), CancellationToken.None);

        Assert.Equal(["API_KEY", "DB_PASSWORD"], entries.Select(e => e.Name));
        Assert.Equal(["DescribeParameters"], apis.Calls);
    }

    [Fact]
    public async Task Logs_of_all_tasks_come_merged_by_time_and_following_never_repeats_a_line()
    {
        var clock = new FakeClock(new DateTimeOffset(2024, 11, 21, 15, 0, 0, TimeSpan.Zero));
        var calls = 0;
        var apis = new TestApis
        {
            FilterLogEvents = request =>
            {
                Assert.Equal(("/fargo/qa/todo-api", "todo-api/"), (request.LogGroupName, request.LogStreamNamePrefix));
                calls++;
                FilteredLogEvent Event(string task, long at, string message, string id) =>
                    new() { LogStreamName = $"todo-api/todo-api/{task}", Timestamp = at, Message = message + "\n", EventId = id };
                var events = new List<FilteredLogEvent> { Event("bbbb2222", 1_732_201_100_200, "second", "2"), Event("aaaa1111", 1_732_201_100_100, "first", "1") };
                if (calls > 1)
                {
                    events.Add(Event("aaaa1111", 1_732_201_100_300, "third", "3"));
                }

                return new FilterLogEventsResponse { Events = events };
            },
        };
        var lines = new List<string>();
        using var stop = new CancellationTokenSource();
        clock.OnDelay = () =>
        {
            if (calls >= 3)
            {
                stop.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var line in ServiceLogs.ReadAsync(TestApis.Target(apis), new LogQuery(TimeSpan.FromMinutes(10), Follow: true), clock, stop.Token))
            {
                lines.Add($"{line.TaskId} {line.Message}");
            }
        });

        Assert.Equal(["aaaa1111 first", "bbbb2222 second", "aaaa1111 third"], lines);
    }

    [Fact]
    public async Task Run_starts_the_services_task_definition_with_the_command_replaced_in_the_services_network()
    {
        var apis = Running("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@" + RunningDigest);
        RunTaskRequest? run = null;
        apis.RunTask = request =>
        {
            run = request;
            return new RunTaskResponse { Tasks = [new EcsTask { TaskArn = "arn:aws:ecs:us-east-1:111111111111:task/fargo-qa/0123456789abcdef0123456789abcdef" }] };
        };
        apis.DescribeTasks = _ => new DescribeTasksResponse
        {
            Tasks = [new EcsTask { LastStatus = "STOPPED", StopCode = TaskStopCode.EssentialContainerExited, StoppedReason = "Essential container in task exited", Containers = [new Container { Name = "todo-api", ExitCode = 3 }] }],
        };
        apis.FilterLogEvents = request =>
        {
            Assert.Equal("todo-api/todo-api/0123456789abcdef0123456789abcdef", request.LogStreamNamePrefix);
            return new FilterLogEventsResponse { Events = [new FilteredLogEvent { LogStreamName = request.LogStreamNamePrefix, Timestamp = 1, Message = "migrating", EventId = "1" }] };
        };
        var target = TestApis.Target(apis);
        var lines = new List<string>();

        var arn = await OneOffTask.StartAsync(target, ["dotnet", "TodoApi.dll", "migrate"], CancellationToken.None);
        var result = await OneOffTask.WaitAsync(target, arn, new Collect(lines), new FakeClock(DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:7", run!.TaskDefinition);
        Assert.Equal(["dotnet", "TodoApi.dll", "migrate"], run.Overrides!.ContainerOverrides![0].Command);
        Assert.Equal(["subnet-0a1b2c3d4e5f60718"], run.NetworkConfiguration!.AwsvpcConfiguration!.Subnets);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["migrating"], lines);
    }

    private sealed class Collect(List<string> lines) : IProgress<LogLine>
    {
        public void Report(LogLine value) => lines.Add(value.Message);
    }
}
