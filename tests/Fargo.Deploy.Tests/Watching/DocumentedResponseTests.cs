using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Aws.Ecs;
using Fargo.Deploy.Tests.AwsModels;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Watching;

/// <summary>
/// The watcher on responses AWS itself published: the examples in AWS's service models (npm aws-sdk,
/// apis/ecs-2014-11-13.examples.json, "To describe a service"), read through Fargo.Aws's own JSON shapes.
/// The rollout sequences in Fixtures/ are hand-made in AWS's shapes (see Fixtures/README.md); this one is AWS's.
/// </summary>
public sealed class DocumentedResponseTests
{
    private static readonly string Examples = Path.Combine(RepositoryPaths.Root, "node_modules", "aws-sdk", "apis", "ecs-2014-11-13.examples.json");

    [Fact]
    public void A_service_that_cannot_place_its_task_is_in_progress_and_shows_ECS_s_reason_then_times_out()
    {
        var service = DocumentedOutput<DescribeServicesResponse>("DescribeServices", "To describe a service").Services!.Single();
        var deployment = service.Deployments!.Single();
        var goal = new RolloutGoal(deployment.TaskDefinition!, deployment.Id, deployment.CreatedAt!.Value, TimeSpan.FromMinutes(15));
        var look = service.Events![0].CreatedAt!.Value.AddSeconds(2);

        var state = RolloutJudge.Observe(RolloutJudge.Start(goal), new ServiceSnapshot(look, service, [], []));

        Assert.Equal(RolloutOutcome.InProgress, state.Verdict.Outcome);
        Assert.Equal((1, 0, 0), (state.DesiredCount, state.RunningCount, state.PendingCount));
        Assert.Contains(state.Events, e => e.Message!.StartsWith("(service ecs-simple-service) was unable to place a task", StringComparison.Ordinal));
        var watched = Assert.Single(state.Deployments, d => d.IsWatched);
        Assert.Equal(0, watched.Running);

        var expired = RolloutJudge.Expire(state, goal.StartedAt + goal.Timeout);

        Assert.Equal(RolloutOutcome.TimedOut, expired.Verdict.Outcome);
        Assert.Equal("revision 6 did not reach a steady state within 15m (0 of 1 new tasks running)", expired.Verdict.Summary);
    }

    /// <summary>
    /// One example's output, as the wire would carry it: the examples write timestamps as ISO 8601 text, ECS's JSON 1.1
    /// sends epoch seconds, so those are converted before Fargo.Aws reads the body.
    /// </summary>
    private static T DocumentedOutput<T>(string operation, string title)
    {
        var examples = JsonNode.Parse(File.ReadAllText(Examples))!["examples"]![operation]!.AsArray();
        var output = examples.Single(e => (string?)e!["title"] == title)!["output"]!.DeepClone();
        ToEpochSeconds(output);
        return (T)JsonSerializer.Deserialize(output.ToJsonString(), typeof(T), EcsJsonContext.Default)!;
    }

    private static void ToEpochSeconds(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name.EndsWith("At", StringComparison.Ordinal) && value is JsonValue text && text.TryGetValue<string>(out var iso))
                    {
                        obj[name] = DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() / 1000.0;
                    }
                    else if (value is not null)
                    {
                        ToEpochSeconds(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    ToEpochSeconds(item);
                }

                break;
        }
    }
}
