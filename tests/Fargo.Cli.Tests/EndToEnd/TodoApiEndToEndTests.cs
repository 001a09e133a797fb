using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>What the todo-api story shares from step to step: the project copy and the URL `fargo up` printed.</summary>
public sealed class TodoStory : IDisposable
{
    public TodoProject Project { get; } = new();

    public Uri? Url { get; set; }

    /// <summary>
    /// The task definition revision v1 runs as (step 3). Revision numbers go on across stacks of the same family, as in
    /// ECS, so they depend on what ran on the shared local region before; the story counts from this one.
    /// </summary>
    public int? FirstRevision { get; set; }

    public void Dispose() => Project.Dispose();
}

/// <summary>
/// The real `fargo` CLI, as a process, against a real local region, with the example's API (examples/todo-api: the
/// app's web service, behind its edge proxy, with its worker running beside it; each command names the API with
/// --service, `up` and `down` work on the whole app) (its own
/// fargo.toml; an ASP.NET Core API on PostgreSQL): up, CRUD through the load balancer, rolling deploys under load,
/// a failing version rolled back, rollback, scale, a one-off migration, logs, secrets, and down/up keeping the data.
/// The steps build on each other and run in order.
/// </summary>
[Collection(LocalRegionCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class TodoApiEndToEndTests(LocalRegionFixture region, TodoStory story) : IClassFixture<TodoStory>
{
    private const string SecretValue = "e2e-Secret-9f3a1c77d2";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private string Folder => story.Project.Path;

    private Uri Url => story.Url ?? throw new InvalidOperationException("`fargo up` (step 1) did not print a URL.");

    private int FirstRevision => story.FirstRevision ?? throw new InvalidOperationException("`fargo status` (step 3) did not report a revision.");

    /// <summary>
    /// A command on the example's API (--service todo-api, before any `--`); `up` and `down` work on the whole app (the
    /// API and its worker), as a developer runs them.
    /// </summary>
    private Task<CliResult> Fargo(params string[] args) => region.FargoAsync(Folder, OnTheApi(args));

    internal static string[] OnTheApi(string[] args)
    {
        if (args is ["up" or "down", ..])
        {
            return args;
        }

        var end = Array.IndexOf(args, "--") is var dashes and >= 0 ? dashes : args.Length;
        return [.. args[..end], "--service", "todo-api", .. args[end..]];
    }

    [Fact]
    [Step(1)]
    public async Task Up_provisions_builds_deploys_and_prints_a_URL_that_answers()
    {
        var up = await Fargo("up", "--version", "v1");

        Assert.True(up.ExitCode == 0, region.Explain(up));
        var url = UrlLine().Match(up.Out);
        Assert.True(url.Success, region.Explain(up));
        story.Url = new Uri(url.Groups["url"].Value);
        using var response = await Http.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dev", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString());
        Assert.Contains("steady", up.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Step(2)]
    public async Task Crud_works_through_the_load_balancer()
    {
        using var created = await Http.PostAsJsonAsync(new Uri(Url, "todos"), new { title = "buy milk" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var todo = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = todo.GetProperty("id").GetInt64();
        var item = new Uri(Url, $"todos/{id}");

        var read = await Http.GetFromJsonAsync<JsonElement>(item);
        using var updated = await Http.PutAsJsonAsync(item, new { title = "buy oat milk", done = true });
        var afterUpdate = await Http.GetFromJsonAsync<JsonElement>(item);
        using var deleted = await Http.DeleteAsync(item);
        using var gone = await Http.GetAsync(item);

        Assert.Equal("buy milk", read.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("buy oat milk", true), (afterUpdate.GetProperty("title").GetString(), afterUpdate.GetProperty("done").GetBoolean()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    [Step(3)]
    public async Task Status_as_json_shows_the_steady_service_its_tasks_targets_and_URL()
    {
        var status = await Fargo("status", "--output", "json");

        Assert.True(status.ExitCode == 0, region.Explain(status));
        using var json = JsonDocument.Parse(status.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("steady").GetBoolean(), status.Out);
        story.FirstRevision = root.GetProperty("revision").GetInt32();
        Assert.Equal((2, 2), (root.GetProperty("desired").GetInt32(), root.GetProperty("running").GetInt32()));
        Assert.Equal(Url.ToString(), root.GetProperty("url").GetString());
        Assert.Equal(2, root.GetProperty("tasks").EnumerateArray().Count(t => t.GetProperty("lastStatus").GetString() == "RUNNING"));
        Assert.Equal(2, root.GetProperty("targets").EnumerateArray().Count(t => t.GetProperty("state").GetString() == "healthy"));
    }

    [Fact]
    [Step(4)]
    public async Task A_changed_version_deploys_under_continuous_requests_without_a_failed_request()
    {
        story.Project.SetDefaultVersion("v2");
        var build = await Fargo("build", "--version", "v2");
        var push = await Fargo("push", "--version", "v2");
        Assert.True(build.ExitCode == 0 && push.ExitCode == 0, build + "\n" + push);

        await using var load = new LoadGenerator(new Uri(Url, "todos"));
        var deploy = await Fargo("deploy", "--version", "v2");
        await load.StopAsync();

        Assert.True(deploy.ExitCode == 0, region.Explain(deploy));
        Assert.Empty(load.Failures);
        Assert.True(load.Requests > 50, $"only {load.Requests} requests were sent during the deploy");
        Assert.Equal("v2", (await Http.GetFromJsonAsync<JsonElement>(Url)).GetProperty("version").GetString());
        // The timeline of the rollout's phases.
        foreach (var phase in new[] { "registered", "provisioning", "pending", "running", "healthy in the target group", "old tasks draining", "steady" })
        {
            Assert.Contains(phase, deploy.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Step(5)]
    public async Task A_version_whose_health_check_fails_is_rolled_back_exit_1_without_a_failed_request()
    {
        story.Project.BreakHealth(true);
        var build = await Fargo("build", "--version", "broken");
        var push = await Fargo("push", "--version", "broken");
        story.Project.BreakHealth(false);
        Assert.True(build.ExitCode == 0 && push.ExitCode == 0, build + "\n" + push);

        await using var load = new LoadGenerator(new Uri(Url, "todos"));
        var deploy = await Fargo("deploy", "--version", "broken");
        await load.StopAsync();

        Assert.True(deploy.ExitCode == 1, region.Explain(deploy));
        Assert.Contains("circuit breaker", deploy.Out, StringComparison.Ordinal);
        Assert.Contains("Health checks failed with these codes: [500]", deploy.Out, StringComparison.Ordinal);
        Assert.Empty(load.Failures);
        Assert.Equal("v2", (await Http.GetFromJsonAsync<JsonElement>(Url)).GetProperty("version").GetString());
        var status = await Fargo("status", "--output", "json");
        using var json = JsonDocument.Parse(status.Out);
        // v2 is the revision after v1's: the broken one was never kept.
        Assert.Equal(FirstRevision + 1, json.RootElement.GetProperty("revision").GetInt32());
    }

    [Fact]
    [Step(6)]
    public async Task Rollback_goes_back_to_the_revision_before_the_running_one()
    {
        var rollback = await Fargo("rollback");

        Assert.True(rollback.ExitCode == 0, region.Explain(rollback));
        Assert.Equal("dev", (await Http.GetFromJsonAsync<JsonElement>(Url)).GetProperty("version").GetString());
        var status = await Fargo("status", "--output", "json");
        using var json = JsonDocument.Parse(status.Out);
        Assert.Equal(FirstRevision, json.RootElement.GetProperty("revision").GetInt32());
    }

    [Fact]
    [Step(7)]
    public async Task Scale_changes_how_many_tasks_run_and_waits_for_them()
    {
        var up = await Fargo("scale", "3");
        var status = await Fargo("status", "--output", "json");
        var down = await Fargo("scale", "2");

        Assert.True(up.ExitCode == 0, region.Explain(up));
        using var json = JsonDocument.Parse(status.Out);
        Assert.Equal((3, 3), (json.RootElement.GetProperty("desired").GetInt32(), json.RootElement.GetProperty("running").GetInt32()));
        Assert.True(down.ExitCode == 0, region.Explain(down));
    }

    [Fact]
    [Step(8)]
    public async Task Ctrl_C_during_a_rollout_without_a_terminal_leaves_it_running_and_says_so()
    {
        var interrupted = await region.FargoInterruptedAsync(Folder, "Rolling out", OnTheApi(["redeploy"]));
        var steady = await Fargo("scale", "2");

        Assert.True(interrupted.ExitCode == 130, region.Explain(interrupted));
        Assert.Contains("was left running", interrupted.Out, StringComparison.Ordinal);
        Assert.True(steady.ExitCode == 0, region.Explain(steady));
        using var response = await Http.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    [Step(9)]
    public async Task An_environment_that_requires_approval_changes_nothing_without_it()
    {
        story.Project.RequireApproval(true);
        try
        {
            var refused = await Fargo("scale", "3");
            var status = await Fargo("status", "--output", "json");
            var approved = await Fargo("scale", "2", "--yes");

            Assert.True(refused.ExitCode == 2, region.Explain(refused));
            Assert.Contains("requires approval", refused.Out + refused.Error, StringComparison.Ordinal);
            Assert.Contains("desiredCount: 2 → 3", refused.Out + refused.Error, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(status.Out);
            Assert.Equal(2, json.RootElement.GetProperty("desired").GetInt32());
            Assert.True(approved.ExitCode == 0, region.Explain(approved));
        }
        finally
        {
            story.Project.RequireApproval(false);
        }
    }

    [Fact]
    [Step(10)]
    public async Task Run_runs_the_migration_as_a_one_off_task_and_returns_its_exit_code()
    {
        var migrate = await Fargo("run", "--", "dotnet", "TodoApi.dll", "migrate");
        var failing = await Fargo("run", "--", "sh", "-c", "echo failing on purpose; exit 3");

        Assert.True(migrate.ExitCode == 0, region.Explain(migrate));
        Assert.Contains("schema is up to date", migrate.Out, StringComparison.Ordinal);
        Assert.Equal(3, failing.ExitCode);
        Assert.Contains("failing on purpose", failing.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Step(11)]
    public async Task Logs_show_the_tasks_output_merged_by_time()
    {
        var logs = await Fargo("logs", "--since", "30m");

        Assert.True(logs.ExitCode == 0, region.Explain(logs));
        Assert.Contains("Now listening on", logs.Out, StringComparison.Ordinal);
        var times = LogTime().Matches(logs.Out).Select(m => m.Value).ToList();
        Assert.NotEmpty(times);
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    [Step(12)]
    public async Task A_secret_set_from_stdin_reaches_the_next_deployment_and_is_never_printed()
    {
        var set = await region.FargoWithInputAsync(Folder, SecretValue + "\n", OnTheApi(["secret", "set", "E2E_TOKEN"]));
        var list = await Fargo("secret", "list");
        var deploy = await Fargo("deploy", "--version", "v1");
        // The task compares a hash of what it got, so the value appears in no command line and no output.
        var right = await Fargo("run", "--", "sh", "-c", $"test \"$(printf %s \"$E2E_TOKEN\" | sha256sum | cut -d' ' -f1)\" = {Sha256(SecretValue)}");
        var wrong = await Fargo("run", "--", "sh", "-c", $"test \"$(printf %s \"$E2E_TOKEN\" | sha256sum | cut -d' ' -f1)\" = {Sha256("something else")}");

        Assert.True(set.ExitCode == 0, region.Explain(set));
        Assert.Contains("E2E_TOKEN", list.Out, StringComparison.Ordinal);
        Assert.True(deploy.ExitCode == 0, region.Explain(deploy));
        Assert.Equal(0, right.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.DoesNotContain(SecretValue, region.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    [Step(13)]
    public async Task Down_then_up_keeps_the_database_data()
    {
        using var created = await Http.PostAsJsonAsync(new Uri(Url, "todos"), new { title = "survives down and up" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var down = await Fargo("down");
        var unreachable = await Unreachable(Url);
        var up = await Fargo("up", "--version", "v1");

        Assert.True(down.ExitCode == 0, region.Explain(down));
        Assert.True(unreachable, "the service still answered after `fargo down`");
        Assert.True(up.ExitCode == 0, region.Explain(up));
        var url = new Uri(UrlLine().Match(up.Out).Groups["url"].Value);
        var todos = await Http.GetFromJsonAsync<JsonElement>(new Uri(url, "todos"));
        Assert.Contains(todos.EnumerateArray(), t => t.GetProperty("title").GetString() == "survives down and up");
    }

    /// <summary>
    /// The story leaves the shared local region as it found it: the environment's listener is shared, and a service left
    /// running there would take the next story's requests (its `/*` rule may have the lower priority, as on AWS).
    /// </summary>
    [Fact]
    [Step(14)]
    public async Task Down_at_the_end_leaves_nothing_running()
    {
        var down = await Fargo("down");

        Assert.True(down.ExitCode == 0, region.Explain(down));
        Assert.True(await Unreachable(Url), "the service still answered after `fargo down`");
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static async Task<bool> Unreachable(Uri url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return !response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"is up at (?<url>http://127\.\d+\.\d+\.\d+:\d+/)")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d\d\d", RegexOptions.Multiline)]
    private static partial Regex LogTime();
}
