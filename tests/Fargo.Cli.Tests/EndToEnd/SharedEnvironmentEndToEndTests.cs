using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Aws.CloudFormation;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// Two services from two separate fargo.toml files in one local environment, each reachable through the shared load
/// balancer by its own path; the listener rule priority a service got kept by its next `fargo up`; a third file whose
/// path is taken refused naming the other service, and a fourth whose environment settings disagree refused naming the
/// key, its line and both files — neither changing anything. The steps build on each other.
/// </summary>
[Collection(LocalRegionCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class SharedEnvironmentEndToEndTests(LocalRegionFixture region, SharedEnvironmentEndToEndTests.Services services)
    : IClassFixture<SharedEnvironmentEndToEndTests.Services>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    [Fact]
    [Step(1)]
    public async Task Two_files_deploy_into_one_environment_and_each_answers_under_its_own_path()
    {
        var upA = await region.FargoAsync(services.A.Path, "up", "--version", "v1");
        var upB = await region.FargoAsync(services.B.Path, "up", "--version", "v1");

        Assert.True(upA.ExitCode == 0, region.Explain(upA));
        Assert.True(upB.ExitCode == 0, region.Explain(upB));
        var url = UrlLine().Match(upB.Out);
        Assert.True(url.Success, region.Explain(upB));
        var b = new Uri(url.Groups["url"].Value);
        Assert.Equal("/shared-b/", b.AbsolutePath);
        Assert.Equal("shared-a answers /shared-a/orders/7", await Http.GetStringAsync(new Uri(b, "/shared-a/orders/7")));
        Assert.Equal("shared-b answers /shared-b/", await Http.GetStringAsync(b));
        Assert.Equal("shared-b answers /shared-b", await Http.GetStringAsync(new Uri(b, "/shared-b")));
    }

    [Fact]
    [Step(2)]
    public async Task A_service_keeps_its_listener_rule_priority_on_its_next_up()
    {
        var before = await PriorityAsync("fargo-local-shared-a");
        var up = await region.FargoAsync(services.A.Path, "up", "--version", "v2");
        var after = await PriorityAsync("fargo-local-shared-a");

        Assert.True(up.ExitCode == 0, region.Explain(up));
        Assert.Equal(before, after);
        Assert.NotEqual(before, await PriorityAsync("fargo-local-shared-b"));
    }

    [Fact]
    [Step(3)]
    public async Task A_file_whose_path_another_service_has_is_refused_naming_it_and_changes_nothing()
    {
        using var c = Services.Write("shared-c", "/shared-a", "");

        var up = await region.FargoAsync(c.Path, "up", "--version", "v1");

        Assert.Equal(2, up.ExitCode);
        Assert.Contains($"{c.File("fargo.toml")}:", up.Error, StringComparison.Ordinal);
        Assert.Contains("service 'shared-c' would answer for the same requests as service 'shared-a' in environment 'local' (any host, path /shared-a)", up.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("fargo-local-shared-c", await StackNamesAsync());
    }

    [Fact]
    [Step(4)]
    public async Task A_file_that_disagrees_with_the_environment_is_refused_naming_the_key_its_line_and_both_files()
    {
        using var d = Services.Write("shared-d", "/shared-d", "[environments.local]\nlogs = { retention_days = 7 }\n");

        var up = await region.FargoAsync(d.Path, "up", "--version", "v1");

        Assert.Equal(2, up.ExitCode);
        Assert.Contains($"{d.File("fargo.toml")} disagrees with environment 'local'", up.Error, StringComparison.Ordinal);
        var line = File.ReadAllLines(d.File("fargo.toml")).ToList().FindIndex(l => l.StartsWith("logs = ", StringComparison.Ordinal)) + 1;
        Assert.Contains($"{d.File("fargo.toml")}:{line}: logs.retention_days is \"7\", the environment's is \"30\"", up.Error, StringComparison.Ordinal);
        var other = OtherFile().Match(up.Error);
        Assert.True(other.Success, up.Error);
        Assert.True(File.Exists(other.Groups["file"].Value), other.Value);
        Assert.DoesNotContain("fargo-local-shared-d", await StackNamesAsync());
    }

    [Fact]
    [Step(5)]
    public async Task Down_removes_each_service_and_leaves_the_other_one_answering()
    {
        var downA = await region.FargoAsync(services.A.Path, "down");
        var names = await StackNamesAsync();

        Assert.True(downA.ExitCode == 0, region.Explain(downA));
        Assert.DoesNotContain("fargo-local-shared-a", names);
        Assert.Contains("fargo-local-shared-b", names);
        var status = await region.FargoAsync(services.B.Path, "status", "--output", "json");
        using var json = JsonDocument.Parse(status.Out);
        Assert.Equal("shared-b answers /shared-b/x", await Http.GetStringAsync(new Uri(new Uri(json.RootElement.GetProperty("url").GetString()!), "x")));

        var downB = await region.FargoAsync(services.B.Path, "down");
        Assert.True(downB.ExitCode == 0, region.Explain(downB));
    }

    private async Task<string> PriorityAsync(string stack)
    {
        var described = await region.AwsClientAsync((http, token) => new CloudFormationClient(http).DescribeStacksAsync(new DescribeStacksRequest { StackName = stack }, token));
        return described.Stacks!.Single().Parameters!.Single(p => p.ParameterKey == "ListenerRulePriority").ParameterValue!;
    }

    private async Task<IReadOnlyList<string>> StackNamesAsync()
    {
        var described = await region.AwsClientAsync((http, token) => new CloudFormationClient(http).DescribeStacksAsync(new DescribeStacksRequest(), token));
        return [.. (described.Stacks ?? []).Where(s => s.StackStatus != StackStatus.DeleteComplete).Select(s => s.StackName)];
    }

    [GeneratedRegex(@"is up at (?<url>http\S+/)")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"whose settings come from [a-z0-9-]+ \((?<file>/[^)]+/fargo\.toml)\)")]
    private static partial Regex OtherFile();

    /// <summary>Two small Python services in folders of their own: each answers "NAME answers PATH" on every path.</summary>
    public sealed class Services : IDisposable
    {
        internal TempFolder A { get; } = Write("shared-a", "/shared-a", "");

        internal TempFolder B { get; } = Write("shared-b", "/shared-b", "");

        internal static TempFolder Write(string name, string path, string extra)
        {
            var folder = new TempFolder();
            folder.Write("server.py", """
                import http.server, os

                class Answer(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = f"{os.environ['SERVICE_NAME']} answers {self.path}".encode()
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)

                    def log_message(self, *args):
                        pass

                http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Answer).serve_forever()
                """);
            folder.Write("fargo.toml", $"""
                name = "{name}"
                port = 8080

                [http]
                path = "{path}"

                [health]
                path = "{path}/_health"
                interval = "6s"
                timeout = "2s"
                healthy_threshold = 2

                [scaling]
                count = 1

                [env]
                SERVICE_NAME = "{name}"

                [local]
                build = "cp server.py {"{out}"}/"
                command = "python3 server.py"

                {extra}
                """);
            return folder;
        }

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }
}
