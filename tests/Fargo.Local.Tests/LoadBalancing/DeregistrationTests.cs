using System.Collections.Concurrent;
using System.Net;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.TargetGroups;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>Deregistration: draining lets requests in flight finish, ends early when idle, and cuts what outlives the delay.</summary>
public sealed class DeregistrationTests
{
    [Fact]
    public async Task Draining_lets_the_request_in_flight_finish_and_completes_once_it_has()
    {
        // 300 s at a twentieth: 15 s of deregistration delay, far more than this test takes.
        await using var lb = await LoadBalancerHarness.StartAsync(deregistrationDelaySeconds: 300);
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();
        var target = new TargetEndpoint("127.0.0.1", a.Port);

        var inFlight = http.GetAsync(new Uri(lb.BaseUri, "/hold"));
        await a.Holding.WaitAsync(TimeSpan.FromSeconds(10));
        lb.Deregister(a.Port);

        var draining = lb.Health(a.Port);
        Assert.Equal(TargetHealthState.Draining, draining.State);
        Assert.Equal(TargetHealthReason.TargetDeregistrationInProgress, draining.Reason);
        Assert.Equal("Target deregistration is in progress", draining.Description);
        Assert.False(lb.Elb.IsDeregistrationComplete(lb.TargetGroupArn, target));
        using (var fresh = await http.GetAsync(new Uri(lb.BaseUri, "/who")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, fresh.StatusCode);
        }

        var started = DateTimeOffset.UtcNow;
        a.Release();
        using var finished = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal("released a", await finished.Content.ReadAsStringAsync());

        await lb.Elb.WaitForDeregistrationAsync(lb.TargetGroupArn, target, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(lb.Elb.IsDeregistrationComplete(lb.TargetGroupArn, target));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10), "draining ended early, well before the 15 s delay");

        // As on AWS, the target still shows draining until the delay is over.
        Assert.Equal(TargetHealthState.Draining, lb.Health(a.Port).State);
    }

    [Fact]
    public async Task A_request_that_outlives_the_deregistration_delay_is_cut_with_502()
    {
        // 20 s at a twentieth: one second.
        await using var lb = await LoadBalancerHarness.StartAsync(deregistrationDelaySeconds: 20);
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();

        var inFlight = http.GetAsync(new Uri(lb.BaseUri, "/hold"));
        await a.Holding.WaitAsync(TimeSpan.FromSeconds(10));
        lb.Deregister(a.Port);

        using var cut = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.BadGateway, cut.StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(lb.DescribeHealth()), d => d.Count == 0, TimeSpan.FromSeconds(10), "the deregistered target to be gone");
        var gone = lb.Health(a.Port);
        Assert.Equal(TargetHealthState.Unused, gone.State);
        Assert.Equal(TargetHealthReason.TargetNotRegistered, gone.Reason);
        a.Release();
    }

    [Fact]
    public async Task Swapping_targets_under_continuous_requests_fails_none()
    {
        await using var lb = await LoadBalancerHarness.StartAsync(deregistrationDelaySeconds: 300);
        var old1 = await TestBackend.StartAsync("old1");
        var old2 = await TestBackend.StartAsync("old2");
        await using var new1 = await TestBackend.StartAsync("new1");
        await using var new2 = await TestBackend.StartAsync("new2");
        try
        {
            lb.Register(old1.Port, old2.Port);
            await lb.WaitForStateAsync(old1.Port, TargetHealthState.Healthy);
            await lb.WaitForStateAsync(old2.Port, TargetHealthState.Healthy);

            using var http = LoadBalancerHarness.Client();
            var answers = new ConcurrentQueue<string>();
            var failures = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await http.GetAsync(new Uri(lb.BaseUri, "/who"));
                        var body = await response.Content.ReadAsStringAsync();
                        (response.IsSuccessStatusCode ? answers : failures).Enqueue(response.IsSuccessStatusCode ? body : $"{(int)response.StatusCode} {body}");
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Enqueue(e.Message);
                    }
                }
            })).ToList();

            // The rolling update, as ECS does it with min 100 % / max 200 %: new targets in, healthy, then old ones out.
            await Task.Delay(300);
            lb.Register(new1.Port, new2.Port);
            await lb.WaitForStateAsync(new1.Port, TargetHealthState.Healthy);
            await lb.WaitForStateAsync(new2.Port, TargetHealthState.Healthy);
            lb.Deregister(old1.Port, old2.Port);
            await lb.Elb.WaitForDeregistrationAsync(lb.TargetGroupArn, new TargetEndpoint("127.0.0.1", old1.Port), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await lb.Elb.WaitForDeregistrationAsync(lb.TargetGroupArn, new TargetEndpoint("127.0.0.1", old2.Port), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            // Drained: the old tasks stop, and traffic goes on.
            await old1.DisposeAsync();
            await old2.DisposeAsync();
            var servedBefore = new1.Served + new2.Served;
            await Task.Delay(500);
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            Assert.Empty(failures);
            Assert.True(answers.Count > 50, $"only {answers.Count} requests went through");
            Assert.Contains("old1", answers);
            Assert.Contains("new1", answers);
            Assert.True(new1.Served + new2.Served > servedBefore, "the new targets kept serving after the old ones stopped");
        }
        finally
        {
            await old1.DisposeAsync();
            await old2.DisposeAsync();
        }
    }
}
