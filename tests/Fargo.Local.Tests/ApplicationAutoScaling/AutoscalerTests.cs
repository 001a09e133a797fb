using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Fargo.Local.Tests.CloudFormation;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.ApplicationAutoScaling;

/// <summary>
/// The local autoscaler end to end: a stack (deployed with the AWS CLI) runs the test service behind the load balancer
/// with a ScalableTarget (1 to 3 tasks) and a target tracking ScalingPolicy. Load through the load balancer scales the
/// service out, never past its maximum; once the load stops it scales back in to its minimum; the activities and the
/// ECS service events say so in AWS's words. The engine's metric period is 250 ms (EngineFixture), so AWS's 3 and 15
/// periods and its 300 s cooldowns take seconds here.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class AutoscalerTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan ScalingDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CPU_bound_requests_scale_the_service_out_within_its_maximum_and_back_in_once_they_stop()
    {
        var (cluster, url) = await DeployAsync("cpu", "ECSServiceAverageCPUUtilization", 50);

        var peak = await UnderLoadAsync(url + "burn?ms=50", () => DesiredCountUntilAsync(cluster, count => count == 3));

        Assert.Equal(3, peak.Max);
        await DesiredCountUntilAsync(cluster, count => count == 1);
        await AssertScaledOutAndInAsync(cluster, "cpu-tracking");
    }

    [Fact]
    public async Task Requests_per_target_scale_the_service_out_within_its_maximum_and_back_in_once_they_stop()
    {
        // 600 requests per target per minute: 10 a second, which the load's back-to-back requests exceed many times.
        var (cluster, url) = await DeployAsync("req", "ALBRequestCountPerTarget", 600);

        var peak = await UnderLoadAsync(url, () => DesiredCountUntilAsync(cluster, count => count == 3));

        Assert.Equal(3, peak.Max);
        await DesiredCountUntilAsync(cluster, count => count == 1);
        await AssertScaledOutAndInAsync(cluster, "req-tracking");
    }

    private async Task AssertScaledOutAndInAsync(string cluster, string policy)
    {
        var activities = await engine.AwsAsync("application-autoscaling", "describe-scaling-activities", "--service-namespace", "ecs",
            "--resource-id", $"service/{cluster}/web");
        Assert.True(activities.ExitCode == 0, activities.ToString());
        var list = activities.Json().GetProperty("ScalingActivities").EnumerateArray().ToList();
        Assert.True(list.Count >= 2, activities.Out);
        var (scaledIn, scaledOut) = (list[0], list.First(a => a.GetProperty("Description").GetString() == "Setting desired count to 3."));
        Assert.Equal("Setting desired count to 1.", scaledIn.GetProperty("Description").GetString());
        Assert.Matches($"^monitor alarm TargetTracking-service/{cluster}/web-AlarmLow-[0-9a-f-]{{36}} in state ALARM triggered policy {policy}$",
            scaledIn.GetProperty("Cause").GetString());
        Assert.Matches($"^monitor alarm TargetTracking-service/{cluster}/web-AlarmHigh-[0-9a-f-]{{36}} in state ALARM triggered policy {policy}$",
            scaledOut.GetProperty("Cause").GetString());
        Assert.Equal("Successfully set desired count to 3. Change successfully fulfilled by ecs.", scaledOut.GetProperty("StatusMessage").GetString());
        Assert.All(list, a => Assert.Matches("^Setting desired count to [123]\\.$", a.GetProperty("Description").GetString()));

        var service = await engine.AwsAsync("ecs", "describe-services", "--cluster", cluster, "--services", "web");
        var events = service.Json().GetProperty("services")[0].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        // The first deployment started 1 task, the scale-out 2 more; the scale-in stopped 2 (in one event or two).
        Assert.True(Tasks(events, @"^\(service web\) has started (\d+) tasks: (\(task [^)]+\) ?)+\.$") >= 3, string.Join('\n', events));
        Assert.True(Tasks(events, @"^\(service web\) has stopped (\d+) running tasks: (\(task [^)]+\) ?)+\.$") >= 2, string.Join('\n', events));
    }

    /// <summary>Deploys the web stack with a ScalableTarget (1–3) and a target tracking policy on the metric; answers the cluster and the URL.</summary>
    private async Task<(string Cluster, string Url)> DeployAsync(string stack, string metric, int targetValue)
    {
        var template = Path.Combine(engine.WorkDirectory, $"{stack}.yaml");
        await File.WriteAllTextAsync(template, ScalingTemplate());
        var port = FreePort();

        var deployed = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", stack, "--template-file", template, "--capabilities", "CAPABILITY_IAM",
            "--parameter-overrides", $"Image={engine.TestServiceImage}", $"ListenerPort={port}", $"Metric={metric}", $"TargetValue={targetValue}");

        Assert.True(deployed.ExitCode == 0, deployed + (await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", stack)).Out);
        var policies = await engine.AwsAsync("application-autoscaling", "describe-scaling-policies", "--service-namespace", "ecs", "--resource-id", $"service/{stack}-cluster/web");
        var policy = Assert.Single(policies.Json().GetProperty("ScalingPolicies").EnumerateArray());
        var specification = policy.GetProperty("TargetTrackingScalingPolicyConfiguration").GetProperty("PredefinedMetricSpecification");
        Assert.Equal(metric, specification.GetProperty("PredefinedMetricType").GetString());
        if (metric == "ALBRequestCountPerTarget")
        {
            Assert.Matches("^app/.+/targetgroup/.+$", specification.GetProperty("ResourceLabel").GetString());
        }

        // Each load balancer listens on a loopback address of its own (docs/load-balancer.md): the first on 127.0.0.1, the next on .2.
        var balancer = await engine.AwsAsync("cloudformation", "describe-stack-resource", "--stack-name", stack, "--logical-resource-id", "LoadBalancer");
        var arn = balancer.Json().GetProperty("StackResourceDetail").GetProperty("PhysicalResourceId").GetString()!;
        var described = await engine.AwsAsync("elbv2", "describe-load-balancers", "--load-balancer-arns", arn);
        var address = described.Json().GetProperty("LoadBalancers")[0].GetProperty("AvailabilityZones")[0].GetProperty("LoadBalancerAddresses")[0]
            .GetProperty("IpAddress").GetString();
        return ($"{stack}-cluster", $"http://{address}:{port}/");
    }

    /// <summary>Sends requests back to back on 4 connections until <paramref name="until"/> completes; answers the highest desired count seen.</summary>
    private static async Task<(int Max, int Last)> UnderLoadAsync(string url, Func<Task<(int Max, int Last)>> until)
    {
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var load = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(url, stop.Token);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A 503 while targets register, or the stop: the load goes on until told to stop.
                }
            }
        }).ToList();
        try
        {
            return await until();
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
    }

    /// <summary>Polls the desired count until it satisfies <paramref name="done"/>; answers the highest and the last seen.</summary>
    private async Task<(int Max, int Last)> DesiredCountUntilAsync(string cluster, Func<int, bool> done)
    {
        var max = 0;
        var last = await Eventually.UntilAsync(
            async () =>
            {
                var described = await engine.AwsAsync("ecs", "describe-services", "--cluster", cluster, "--services", "web");
                var count = described.Json().GetProperty("services")[0].GetProperty("desiredCount").GetInt32();
                max = Math.Max(max, count);
                return count;
            },
            done,
            ScalingDeadline,
            $"the desired count of {cluster}/web",
            count => $"{count} (highest {max}); engine log:\n{EngineLogTail()}");
        return (max, last);
    }

    private static string ScalingTemplate()
    {
        const string parameters = """
            Conditions:
              ByRequests: !Equals [!Ref Metric, ALBRequestCountPerTarget]
            """;
        const string resources = """
              ScalableTarget:
                Type: AWS::ApplicationAutoScaling::ScalableTarget
                Properties:
                  ServiceNamespace: ecs
                  ScalableDimension: ecs:service:DesiredCount
                  ResourceId: !Join ["", ["service/", !Ref Cluster, "/", !GetAtt Service.Name]]
                  MinCapacity: 1
                  MaxCapacity: 3
                  RoleARN: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService"
              ScalingPolicy:
                Type: AWS::ApplicationAutoScaling::ScalingPolicy
                Properties:
                  PolicyName: !Sub "${AWS::StackName}-tracking"
                  PolicyType: TargetTrackingScaling
                  ScalingTargetId: !Ref ScalableTarget
                  TargetTrackingScalingPolicyConfiguration:
                    TargetValue: !Ref TargetValue
                    PredefinedMetricSpecification:
                      PredefinedMetricType: !Ref Metric
                      ResourceLabel: !If
                        - ByRequests
                        - !Join ["/", [!GetAtt LoadBalancer.LoadBalancerFullName, !GetAtt TargetGroup.TargetGroupFullName]]
                        - !Ref AWS::NoValue
            Outputs:
            """;
        var web = WebStackTemplate.Yaml;
        Assert.Contains("\nConditions:\n", web, StringComparison.Ordinal);
        Assert.Contains("\nOutputs:\n", web, StringComparison.Ordinal);
        return web
            .Replace("\nConditions:\n", "\n  Metric:\n    Type: String\n  TargetValue:\n    Type: Number\n" + parameters + "\n", StringComparison.Ordinal)
            .Replace("\nOutputs:\n", "\n" + resources + "\n", StringComparison.Ordinal);
    }

    private string EngineLogTail() =>
        File.Exists(engine.Home.EngineLogFile) ? string.Join('\n', File.ReadLines(engine.Home.EngineLogFile).Where(l => l.Contains("utoscal", StringComparison.Ordinal)).TakeLast(30)) : "";

    private static int Tasks(IEnumerable<string> events, string pattern) =>
        events.Select(e => Regex.Match(e, pattern)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
