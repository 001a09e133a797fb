using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// The example as the app it is (examples/todo-api: the API with its edge proxy in front, and a worker on the API's
/// database), on the local region with one `fargo up`: both services come up; requests through the load balancer are
/// answered through the edge proxy; the worker marks an old todo stale (seen through the API) and writes its digest,
/// which `fargo logs` shows; a new version of the worker leaves the API's tasks as they were; the worker alone cannot
/// come up before the API, nor the API go down before the worker; `fargo down` takes both, the worker first.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed partial class TodoAppEndToEndTests(LocalRegionFixture region) : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private readonly TodoProject _project = new();

    public void Dispose() => _project.Dispose();

    private Task<CliResult> Fargo(params string[] args) => region.FargoAsync(_project.Path, args);

    [Fact]
    public async Task The_api_behind_its_edge_proxy_and_the_worker_on_its_database_run_and_deploy_apart()
    {
        // Short rounds and a short age, so that the test sees the worker's job within seconds.
        _project.Edit("env = { DIGEST_EVERY = \"10s\", STALE_AFTER = \"1h\" }", "env = { DIGEST_EVERY = \"2s\", STALE_AFTER = \"4s\" }");
        // The worker alone needs the API's stack, which holds the database: refused before anything changes.
        var alone = await Fargo("up", "--service", "todo-worker", "--version", "v1");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("todo-worker uses the database of todo-api, whose stack fargo-local-todo-api is not on the local region", alone.Out + alone.Error, StringComparison.Ordinal);

        var up = await Fargo("up", "--version", "v1");
        Assert.True(up.ExitCode == 0, region.Explain(up));
        try
        {
            Assert.Contains("Built with todo-api: the same [local] build in the same folder", up.Out, StringComparison.Ordinal);
            var url = new Uri(UrlLine().Match(up.Out).Groups["url"].Value);
            var status = await Fargo("status", "--output", "json");
            Assert.True(status.ExitCode == 0, region.Explain(status));
            using (var json = JsonDocument.Parse(status.Out))
            {
                Assert.Equal(
                    [("todo-api", true, 2), ("todo-worker", true, 1)],
                    json.RootElement.EnumerateArray().Select(s => (s.GetProperty("service").GetString(), s.GetProperty("steady").GetBoolean(), s.GetProperty("running").GetInt32())));
            }

            // Through the load balancer, every answer has come through the edge proxy in front of the API.
            using var created = await Http.PostAsJsonAsync(new Uri(url, "todos"), new { title = "water the plants" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(["todo-edge"], created.Headers.GetValues("X-Edge-Proxy"));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            using (var listed = await Http.GetAsync(new Uri(url, "todos")))
            {
                Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
                Assert.Equal(["todo-edge"], listed.Headers.GetValues("X-Edge-Proxy"));
            }

            // The worker, on the API's database, marks the todo stale once it is older than STALE_AFTER: the API shows it.
            var stale = false;
            for (var wait = Stopwatch.StartNew(); !stale && wait.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(1000))
            {
                stale = (await Http.GetFromJsonAsync<JsonElement>(new Uri(url, $"todos/{id}"))).GetProperty("stale").GetBoolean();
            }

            Assert.True(stale, "the worker did not mark the todo stale within a minute");
            var logs = await Fargo("logs", "--service", "todo-worker", "--since", "10m");
            Assert.True(logs.ExitCode == 0, region.Explain(logs));
            Assert.Matches(MarkedDigest(), logs.Out);
            var all = await Fargo("logs", "--since", "10m", "--output", "json");
            Assert.True(all.ExitCode == 0, region.Explain(all));
            Assert.Contains(LogLines(all.Out), line => line.Service == "todo-worker" && line.Message?.StartsWith("digest: ", StringComparison.Ordinal) == true);
            Assert.Contains(LogLines(all.Out), line => line.Service == "todo-api");

            // A new version of the worker (another digest interval: a new task definition) replaces its task only.
            var apiBefore = await TaskIdsAsync("todo-api");
            var workerBefore = await TaskIdsAsync("todo-worker");
            _project.Edit("env = { DIGEST_EVERY = \"2s\", STALE_AFTER = \"4s\" }", "env = { DIGEST_EVERY = \"3s\", STALE_AFTER = \"4s\" }");
            var again = await Fargo("up", "--service", "todo-worker", "--version", "v2");
            Assert.True(again.ExitCode == 0, region.Explain(again));
            Assert.Equal(apiBefore, await TaskIdsAsync("todo-api"));
            var workerAfter = await TaskIdsAsync("todo-worker");
            Assert.Single(workerAfter);
            Assert.DoesNotContain(workerBefore.Single(), workerAfter);
            var early = await Fargo("down", "--service", "todo-api");
            Assert.Equal(2, early.ExitCode);
            Assert.Contains("todo-worker uses the database of todo-api", early.Out + early.Error, StringComparison.Ordinal);
        }
        finally
        {
            var down = await Fargo("down");
            Assert.True(down.ExitCode == 0, region.Explain(down));
            Assert.True(down.Out.IndexOf("todo-worker is down", StringComparison.Ordinal) < down.Out.IndexOf("todo-api is down", StringComparison.Ordinal), down.Out);
        }
    }

    private async Task<IReadOnlyList<string>> TaskIdsAsync(string service)
    {
        var status = await Fargo("status", "--service", service, "--output", "json");
        Assert.True(status.ExitCode == 0, region.Explain(status));
        using var json = JsonDocument.Parse(status.Out);
        return [.. json.RootElement.GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("lastStatus").GetString() == "RUNNING")
            .Select(t => t.GetProperty("taskId").GetString()!)
            .Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<(string? Service, string? Message)> LogLines(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.TryGetProperty("service", out var service) ? service.GetString() : null, json.RootElement.GetProperty("message").GetString());
        }).ToList();

    [GeneratedRegex(@"is up at (?<url>http://127\.\d+\.\d+\.\d+:\d+/)")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"digest: \d+ open, \d+ done, [1-9]\d* marked stale")]
    private static partial Regex MarkedDigest();
}
