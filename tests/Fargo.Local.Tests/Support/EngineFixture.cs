using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.Http;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;
using Fargo.Local.Client;
using Fargo.Local.Home;

namespace Fargo.Local.Tests.Support;

/// <summary>
/// A local region engine of its own for a test class: a temporary FARGO_HOME, the engine started as
/// `dotnet fargo.dll local serve` (a separate process, as users run it), on a free port, with the scheduler
/// ticking every 100 ms, ECS's durations at a fifth (a 5 s health check interval runs every second) and the autoscaler's
/// metric period at 250 ms (AWS's minute).
/// Gives Fargo.Aws clients and the AWS CLI, both pointed at it.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _root = new("fargo-local-engine-");
    private AwsHttpClient? _http;

    public FargoHome Home => new(_root.Combine("home"));

    public string WorkDirectory => _root.Combine("work");

    public LocalRegionConnection Region { get; private set; } = null!;

    public EcsClient Ecs { get; private set; } = null!;

    public EcrClient Ecr { get; private set; } = null!;

    public SsmClient Ssm { get; private set; } = null!;

    public CloudWatchLogsClient Logs { get; private set; } = null!;

    public StsClient Sts { get; private set; } = null!;

    /// <summary>The image of the test service in this engine's registry (repository "testsvc", tag "v1").</summary>
    public string TestServiceImage { get; private set; } = null!;

    public static string FargoAssembly => Path.Combine(AppContext.BaseDirectory, "fargo.dll");

    public static LocalRegionStartOptions StartOptions => new()
    {
        Command = new EngineLaunchCommand("dotnet", [FargoAssembly, "local", "serve"]),
        Port = 0,
        Environment = new Dictionary<string, string>
        {
            ["FARGO_LOCAL_TICK_MS"] = "100",
            ["FARGO_LOCAL_TIME_SCALE"] = "0.2",
            ["FARGO_LOCAL_SCALING_PERIOD_MS"] = "250",
            ["DOTNET_NOLOGO"] = "1",
        },
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        await StartAsync();
        var artifact = TestService.WriteArtifact(_root.Combine("artifact"));
        var imported = await LocalImageImporter.ImportAsync(Region, artifact, "testsvc", "v1", CancellationToken.None);
        TestServiceImage = imported.TaggedImageUri;
        await Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = "test" });
    }

    /// <summary>Starts the engine (again, after a kill) and points the clients at it.</summary>
    public async Task StartAsync()
    {
        Region = await LocalRegion.EnsureRunningAsync(Home, StartOptions, CancellationToken.None);
        _http?.Dispose();
        _http = new AwsHttpClient(Region.ClientOptions());
        Ecs = new EcsClient(_http);
        Ecr = new EcrClient(_http);
        Ssm = new SsmClient(_http);
        Logs = new CloudWatchLogsClient(_http);
        Sts = new StsClient(_http);
    }

    /// <summary>kill -9 of the engine process, as a crash would do it; its tasks keep running.</summary>
    public async Task KillEngineAsync()
    {
        using var engine = Process.GetProcessById(Region.ProcessId);
        engine.Kill(entireProcessTree: false);
        await engine.WaitForExitAsync();
    }

    public async Task DisposeAsync()
    {
        await LocalRegion.StopAsync(Home, TimeSpan.FromSeconds(30), CancellationToken.None);
        Dispose();
    }

    public void Dispose()
    {
        _http?.Dispose();
        _root.Dispose();
    }

    public Task<ProcessResult> AwsAsync(params string[] args) =>
        AwsCli.RunAsync(Region.Endpoint, Region.Credentials.AccessKeyId, Region.Credentials.SecretAccessKey, WorkDirectory, args);

    /// <summary>Runs the fargo tool as its own process against this engine's FARGO_HOME.</summary>
    public Task<ProcessResult> FargoAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkDirectory,
        };
        start.ArgumentList.Add(FargoAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FARGO_HOME"] = Home.Root;
        start.Environment["DOTNET_NOLOGO"] = "1";
        return AwsCli.RunProcessAsync(start, TimeSpan.FromSeconds(120));
    }

    /// <summary>A service of <paramref name="count"/> tasks of the test service, with the circuit breaker on.</summary>
    public async Task<string> CreateServiceAsync(string name, int count, string version, string? secretParameter = null)
    {
        var definition = await Ecs.RegisterTaskDefinitionAsync(
            TestService.TaskDefinition(name, TestServiceImage, version, "/test/" + name, secretParameter: secretParameter));
        await Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "test",
            ServiceName = name,
            TaskDefinition = definition.TaskDefinition!.TaskDefinitionArn,
            DesiredCount = count,
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MinimumHealthyPercent = 100,
                MaximumPercent = 200,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            },
        });
        return definition.TaskDefinition.TaskDefinitionArn!;
    }

    public async Task<Service> DescribeServiceAsync(string name)
    {
        var response = await Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "test", Services = [name] });
        return Assert.Single(response.Services!);
    }

    /// <summary>
    /// Waits until the service's only deployment is COMPLETED with all tasks running, and the latest event
    /// says it reached a steady state (so every task counts as healthy).
    /// </summary>
    public Task<Service> WaitSteadyAsync(string name, int count, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            () => DescribeServiceAsync(name),
            s => s.Deployments!.Count == 1 && s.Deployments[0].RolloutState == DeploymentRolloutState.Completed && s.RunningCount == count
                 && s.Events!.Count > 0 && s.Events[0].Message == $"(service {name}) has reached a steady state.",
            timeout ?? TimeSpan.FromSeconds(60),
            $"service {name} to be steady with {count} tasks",
            Describe);

    public async Task<IReadOnlyList<EcsTask>> TasksAsync(string service, string desiredStatus = "RUNNING")
    {
        var list = await Ecs.ListTasksAsync(new ListTasksRequest { Cluster = "test", ServiceName = service, DesiredStatus = DesiredStatus.FromWire(desiredStatus) });
        if (list.TaskArns is not { Count: > 0 })
        {
            return [];
        }

        var described = await Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "test", Tasks = list.TaskArns });
        return described.Tasks!;
    }

    /// <summary>Removes a service and waits until its tasks are gone, so the next test has the machine to itself.</summary>
    public async Task RemoveServiceAsync(string name)
    {
        await Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = "test", Service = name, Force = true });
        await Eventually.UntilAsync(() => DescribeServiceAsync(name), s => s.Status == "INACTIVE", TimeSpan.FromSeconds(60), $"service {name} to be INACTIVE", Describe);
    }

    /// <summary>GETs a task's HTTP service on its address and port (as a load balancer target would be reached).</summary>
    public static async Task<TestServiceAnswer> GetAsync(EcsTask task)
    {
        var container = Assert.Single(task.Containers!);
        var address = Assert.Single(container.NetworkInterfaces!).PrivateIpv4Address;
        var binding = Assert.Single(container.NetworkBindings!);
        Assert.Equal(8080, binding.ContainerPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var answer = await http.GetFromJsonAsync<JsonElement>(new Uri($"http://{address}:{binding.HostPort}/"));
        return new TestServiceAnswer(answer.GetProperty("pid").GetInt32(), answer.GetProperty("version").GetString()!, answer.GetProperty("secret").GetString()!, answer.GetProperty("port").GetInt32());
    }

    public static string Describe(Service service) =>
        $"status {service.Status}, running {service.RunningCount}/{service.DesiredCount}, deployments [" +
        string.Join("; ", service.Deployments!.Select(d => $"{d.Id} {d.Status} {d.RolloutState} running {d.RunningCount} pending {d.PendingCount} failed {d.FailedTasks}")) +
        "], events:\n  " + string.Join("\n  ", service.Events!.Take(12).Select(e => e.Message));
}

public sealed record TestServiceAnswer(int Pid, string Version, string Secret, int Port);
