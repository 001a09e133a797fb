using System.Text.Json;
using System.Xml.Linq;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Shapes;
using Fargo.Deploy.Tests.AwsModels;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Support;

/// <summary>One look at a service (a fixture frame): the responses of DescribeServices, DescribeTasks and DescribeTargetHealth.</summary>
internal sealed record RecordedFrame(DateTimeOffset At, DescribeServicesResponse Services, DescribeTasksResponse Tasks, DescribeTargetHealthResponse Targets);

/// <summary>
/// A rollout, frame by frame, from Watching/Fixtures/&lt;name&gt;/: scenario.json names the goal and the frames; each
/// frame is the JSON (ECS) and XML (ELBv2) bodies in the shapes the services send, parsed here by Fargo.Aws's own wire
/// code. The fixtures are hand-made, not recorded from AWS (Fixtures/README.md says how they were written).
/// </summary>
internal sealed class RecordedScenario
{
    private RecordedScenario(RolloutGoal goal, IReadOnlyList<RecordedFrame> frames)
    {
        Goal = goal;
        Frames = frames;
    }

    public RolloutGoal Goal { get; }

    public IReadOnlyList<RecordedFrame> Frames { get; }

    public static string Folder(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Fargo.Deploy.Tests", "Watching", "Fixtures", name);

    public static RecordedScenario Load(string name)
    {
        var folder = Folder(name);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "scenario.json")));
        var goal = manifest.RootElement.GetProperty("goal");
        var rolloutGoal = new RolloutGoal(
            goal.GetProperty("taskDefinitionArn").GetString()!,
            goal.GetProperty("deploymentId").GetString(),
            DateTimeOffset.Parse(goal.GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            System.Xml.XmlConvert.ToTimeSpan(goal.GetProperty("timeout").GetString()!),
            goal.TryGetProperty("previousTaskDefinitionArn", out var previous) ? previous.GetString() : null);
        var frames = manifest.RootElement.GetProperty("frames").EnumerateArray().Select(f => new RecordedFrame(
            DateTimeOffset.Parse(f.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, f.GetProperty("describeServices").GetString()!)), EcsJsonContext.Default.DescribeServicesResponse)!,
            JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, f.GetProperty("describeTasks").GetString()!)), EcsJsonContext.Default.DescribeTasksResponse)!,
            ReadTargetHealth(Path.Combine(folder, f.GetProperty("describeTargetHealth").GetString()!)))).ToList();
        return new RecordedScenario(rolloutGoal, frames);
    }

    /// <summary>The snapshot the watcher would have taken at a frame (every task of the frame, every target).</summary>
    public ServiceSnapshot Snapshot(int index)
    {
        var frame = Frames[index];
        return new ServiceSnapshot(frame.At, frame.Services.Services is { Count: > 0 } services ? services[0] : null, frame.Tasks.Tasks ?? [], frame.Targets.TargetHealthDescriptions ?? []);
    }

    /// <summary>Fake ECS and ELB that answer from the frame <see cref="Current"/> points at, filtering as the real APIs do.</summary>
    public TestApis Replay()
    {
        var apis = new TestApis();
        apis.DescribeServices = _ => Frames[Current].Services;
        apis.ListTasks = request => new ListTasksResponse
        {
            TaskArns = [.. (Frames[Current].Tasks.Tasks ?? [])
                .Where(t => (request.DesiredStatus?.Value ?? "RUNNING") == "STOPPED" ? t.DesiredStatus == "STOPPED" : t.DesiredStatus != "STOPPED")
                .Where(t => request.StartedBy is null || t.StartedBy == request.StartedBy)
                .Where(t => request.ServiceName is null || t.Group == "service:" + request.ServiceName)
                .Select(t => t.TaskArn!)],
        };
        apis.DescribeTasks = request => new DescribeTasksResponse
        {
            Tasks = [.. (Frames[Current].Tasks.Tasks ?? []).Where(t => request.Tasks.Contains(t.TaskArn!))],
        };
        apis.DescribeTargetHealth = _ => Frames[Current].Targets;
        return apis;
    }

    /// <summary>The frame the replay answers from.</summary>
    public int Current { get; set; }

    /// <summary>A clock at the first frame that, on every wait, moves to the next frame.</summary>
    public FakeClock Clock()
    {
        var clock = new FakeClock(Frames[0].At);
        clock.OnDelay = () =>
        {
            if (Current + 1 >= Frames.Count)
            {
                throw new InvalidOperationException("The watcher looked again after the last recorded frame.");
            }

            Current++;
            clock.UtcNow = Frames[Current].At;
        };
        return clock;
    }

    private static DescribeTargetHealthResponse ReadTargetHealth(string path)
    {
        var result = XDocument.Load(path).Root!.Elements().First(e => e.Name.LocalName == "DescribeTargetHealthResult");
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetHealthResponse);
    }
}
