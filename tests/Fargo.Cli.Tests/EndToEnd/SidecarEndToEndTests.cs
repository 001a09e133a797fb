using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// A web service whose task holds three containers on the local region: the app; a reverse proxy in front of it, which
/// the load balancer targets and which starts only once the app's health check passed and a non-essential greeter
/// exited with 0; the greeter, whose exit leaves the task running. Requests through the load balancer reach the app
/// through the proxy (its header on the answer), the proxy reaching the app on localhost:8080 as in awsvpc; the proxy's
/// exit stops the task with ECS's reason.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed partial class SidecarEndToEndTests(LocalRegionFixture region) : IDisposable
{
    private const string Config = """
        name = "proxied"
        port = 8080

        # A Python check on a busy machine: room to answer (the local region's engine scales these by its time scale).
        [health]
        interval = "10s"
        timeout = "8s"
        command = ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8080/_health')"]

        [scaling]
        count = 1

        [local]
        build = "cp app.py proxy.py greeter.py {out}/"
        command = "python3 app.py"

        [containers.proxy]
        port = 8081
        target = true
        depends_on = { proxied = "HEALTHY", greeter = "SUCCESS" }
        env = { UPSTREAM = "http://localhost:8080" }
        [containers.proxy.local]
        command = "python3 proxy.py"

        [containers.greeter]
        essential = false
        [containers.greeter.local]
        command = "python3 greeter.py"

        """;

    // Healthy only two seconds after it starts: a proxy started before that would find it unready.
    private const string App = """
        import http.server, os, time

        started = time.monotonic()

        class App(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/_health" and time.monotonic() - started < 2:
                    status, body = 503, b"warming up"
                else:
                    status, body = 200, f"proxied answers {self.path}".encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), App).serve_forever()
        """;

    private const string Proxy = """
        import http.server, os, urllib.error, urllib.request

        upstream = os.environ["UPSTREAM"]
        try:
            status = urllib.request.urlopen(upstream + "/_health", timeout=2).status
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception as e:
            status = type(e).__name__
        print(f"proxy: the app answered {status} when the proxy started", flush=True)

        class Proxy(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/_proxy/exit":
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    self.wfile.flush()
                    os._exit(3)
                try:
                    with urllib.request.urlopen(upstream + self.path, timeout=5) as answer:
                        status, body = answer.status, answer.read()
                except urllib.error.HTTPError as e:
                    status, body = e.code, e.read()
                self.send_response(status)
                self.send_header("X-Proxy", "edge")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Proxy).serve_forever()
        """;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_proxy_carries_the_traffic_starts_after_the_app_is_healthy_and_its_exit_stops_the_task()
    {
        _folder.Write("fargo.toml", Config);
        _folder.Write("app.py", App);
        _folder.Write("proxy.py", Proxy);
        _folder.Write("greeter.py", "print('greeter: hello', flush=True)\n");

        var up = await region.FargoAsync(_folder.Path, "up", "--version", "v1");
        try
        {
            Assert.True(up.ExitCode == 0, region.Explain(up));
            var url = new Uri(UrlLine().Match(up.Out).Groups["url"].Value);

            using var answer = await Http.GetAsync(new Uri(url, "/orders/7"));
            Assert.Equal("proxied answers /orders/7", await answer.Content.ReadAsStringAsync());
            Assert.Equal("edge", Assert.Single(answer.Headers.GetValues("X-Proxy")));

            var running = await TasksAsync("RUNNING");
            var task = Assert.Single(running);
            Assert.True(task.GetProperty("lastStatus").GetString() == "RUNNING", task.ToString());
            var greeter = Container(task, "greeter");
            Assert.Equal(("STOPPED", 0), (greeter.GetProperty("lastStatus").GetString(), greeter.GetProperty("exitCode").GetInt32()));
            Assert.Equal("RUNNING", Container(task, "proxy").GetProperty("lastStatus").GetString());

            var logs = await region.FargoAsync(_folder.Path, "logs", "--since", "5m");
            Assert.True(logs.ExitCode == 0, region.Explain(logs));
            Assert.Contains("greeter: hello", logs.Out, StringComparison.Ordinal);
            Assert.Contains("proxy: the app answered 200 when the proxy started", logs.Out, StringComparison.Ordinal);

            // The proxy is essential: its exit stops the task.
            using var exit = await Http.GetAsync(new Uri(url, "/_proxy/exit"));
            var taskArn = task.GetProperty("taskArn").GetString()!;
            JsonElement? stopped = null;
            for (var attempt = 0; attempt < 60 && stopped is null; attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                stopped = (await TasksAsync("STOPPED")).Cast<JsonElement?>().FirstOrDefault(t => t!.Value.GetProperty("taskArn").GetString() == taskArn);
            }

            Assert.True(stopped is not null, "the task did not stop after its essential container exited");
            Assert.Equal("Essential container in task exited", stopped.Value.GetProperty("stoppedReason").GetString());
            Assert.Equal(3, Container(stopped.Value, "proxy").GetProperty("exitCode").GetInt32());
        }
        finally
        {
            var down = await region.FargoAsync(_folder.Path, "down");
            Assert.True(down.ExitCode == 0, region.Explain(down));
        }
    }

    private static JsonElement Container(JsonElement task, string name) =>
        task.GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private async Task<IReadOnlyList<JsonElement>> TasksAsync(string desiredStatus)
    {
        var list = await region.AwsSetUpAsync("ecs", "list-tasks", "--cluster", "fargo-local", "--service-name", "proxied", "--desired-status", desiredStatus);
        var arns = JsonDocument.Parse(list.Out).RootElement.GetProperty("taskArns").EnumerateArray().Select(a => a.GetString()!).ToList();
        if (arns.Count == 0)
        {
            return [];
        }

        var described = await region.AwsSetUpAsync(["ecs", "describe-tasks", "--cluster", "fargo-local", "--tasks", .. arns]);
        return [.. JsonDocument.Parse(described.Out).RootElement.GetProperty("tasks").EnumerateArray()];
    }

    [GeneratedRegex(@"is up at (?<url>http\S+/)")]
    private static partial Regex UrlLine();
}
