using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// A worker of an app of several services on the local region: no port, no load balancer, healthy by its container's
/// [health] command, its output in `fargo logs`; `fargo down` removes its stacks.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed class WorkerEndToEndTests(LocalRegionFixture region) : IDisposable
{
    private const string App = """
        name = "jobs"
        port = 8080

        [services.ticker]
        kind = "worker"
        [services.ticker.local]
        build = "mkdir -p {out} && cp ticker.sh {out}/"
        command = "sh ticker.sh"
        [services.ticker.health]
        command = ["sh", "-c", "test -f ticking"]

        [services.web]

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_worker_runs_healthy_without_a_load_balancer_and_its_job_shows_in_the_logs()
    {
        _folder.Write("fargo.toml", App);
        _folder.Write("ticker.sh", "touch ticking\nwhile true; do echo \"ticker: tick\"; sleep 1; done\n");

        var up = await region.FargoAsync(_folder.Path, "up", "--service", "ticker", "--version", "v1");
        try
        {
            var status = await region.FargoAsync(_folder.Path, "status", "--service", "ticker", "--output", "json");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var logs = await region.FargoAsync(_folder.Path, "logs", "--service", "ticker", "--since", "5m");

            Assert.True(up.ExitCode == 0, region.Explain(up));
            // Its timeline's health is the container check's: a worker has no target group.
            Assert.Contains(" healthy ", up.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("healthy in the target group", up.Out, StringComparison.Ordinal);
            Assert.True(status.ExitCode == 0, region.Explain(status));
            var json = JsonDocument.Parse(status.Out).RootElement;
            var text = json.ToString();
            Assert.Contains("\"HEALTHY\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("targetGroup\":\"arn", text, StringComparison.Ordinal);
            Assert.True(logs.ExitCode == 0, region.Explain(logs));
            Assert.Contains("ticker: tick", logs.Out, StringComparison.Ordinal);
        }
        finally
        {
            var down = await region.FargoAsync(_folder.Path, "down", "--service", "ticker");
            Assert.True(down.ExitCode == 0, region.Explain(down));
        }
    }
}
