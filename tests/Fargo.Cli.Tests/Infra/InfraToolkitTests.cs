using System.Text.Json;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Tests.Infra.Support;
using Fargo.Cli.Tests.Support;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure;

namespace Fargo.Cli.Tests.Infra;

/// <summary>
/// `fargo infra diff | up | down` on the example's synthesized assemblies, with a fake CDK toolkit (the programs it
/// would start are recorded) and a fake AWS (answering the wire formats): the toolkit command lines, the order of
/// things, the live image passed, what is asked and what is refused. No AWS, no Node.js toolkit run.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class InfraToolkitTests : IDisposable
{
    private const string LiveImage = "111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private readonly InfraSynthesisFixture _fixture;
    private readonly TempFolder _folder = new();
    private readonly FakeToolkitRunner _runner = new();
    private readonly FakeAws _aws = new();
    private readonly ServiceSettings _qa;
    private readonly ServiceSettings _prod;

    public InfraToolkitTests(InfraSynthesisFixture fixture)
    {
        _fixture = fixture;
        var config = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(Repository.ExampleConfig));
        _qa = config.ForEnvironment("qa", "todo-api");
        _prod = config.ForEnvironment("prod", "todo-api");
        _aws.HostedZones.Add(("Z0PUBLIC", "example.com", false));
        _aws.HostedZones.Add(("Z0PRIVATE", "example.com", true));
        _aws.HostedZones.Add(("Z0OTHER", "example.org", false));
    }

    public void Dispose() => _folder.Dispose();

    private string Tools => _folder.File("tools");

    private string Out => _folder.File("out");

    [Fact]
    public async Task Up_passes_the_live_image_and_the_hosted_zone_and_deploys_both_stacks()
    {
        _aws.Service = Running(_qa, LiveImage);

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa", "--profile", "ops", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        // The account is checked first; then the environment's stacks (the checks of a shared environment), then the
        // live image is read from the service's PRIMARY deployment.
        Assert.Equal(["STS GetCallerIdentity", "CloudFormation DescribeStacks ", "ECS DescribeServices", "ECS DescribeTaskDefinition", "Route53 ListHostedZonesByName"], _aws.Calls);
        var describe = _aws.JsonRequests.Single(r => r.Call == "ECS DescribeServices").Body;
        Assert.Equal(_qa.Names.Cluster, (string?)describe["cluster"]);
        Assert.Equal(_qa.Names.Service, (string?)describe["services"]![0]);
        Assert.Equal(Path.Combine(Out, "qa"), _fixture.Synthesizer.Requested[^1]);

        var deploy = Assert.Single(_runner.ToolkitRuns);
        var assembly = await AssemblyAsync("qa");
        Assert.Equal(
            [
                "deploy", "--app", assembly.Directory, "--no-color", "--no-notices", "--profile", "ops",
                "--require-approval", "never", "--progress", "events", "--outputs-file", Path.Combine(assembly.Directory, "outputs.json"),
                "--parameters", $"fargo-qa-todo-api:Image={LiveImage}",
                "--parameters", "fargo-qa:HostedZoneId=Z0PUBLIC",
                // A new environment: this file's settings make it; the service takes its own slot of its route's band.
                "--parameters", $"fargo-qa:ConfiguredBy={new EnvironmentOwner("todo-api", Path.GetFullPath(Repository.ExampleConfig)).ToRecorded()}",
                "--parameters", $"fargo-qa-todo-api:ListenerRulePriority={ListenerRulePriorities.Preferred("todo-api", _qa.Http)}",
                "fargo-qa", "fargo-qa-todo-api",
            ],
            deploy);

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("qa", json.RootElement.GetProperty("environment").GetString());
        Assert.Equal(LiveImage, json.RootElement.GetProperty("liveImage").GetString());
        Assert.Equal("https://qa.todo.example.com", json.RootElement.GetProperty("outputs").GetProperty(StackOutputs.Url).GetString());
        Assert.Equal(["fargo-qa", "fargo-qa-todo-api"], json.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetString()));
        // The toolkit's lines went to stderr, so that stdout is the document alone.
        Assert.Contains("UPDATE_COMPLETE | AWS::ECS::Service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_before_the_first_deploy_passes_no_image_and_says_the_service_waits_for_one()
    {
        _aws.Service = null;

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa");

        Assert.True(result.ExitCode == 0, result.ToString());
        var deploy = Assert.Single(_runner.ToolkitRuns);
        Assert.DoesNotContain(deploy, argument => argument.Contains(":Image=", StringComparison.Ordinal));
        Assert.Contains("runs no deployed image yet", result.Out, StringComparison.Ordinal);
        Assert.Contains("`fargo deploy --env qa --version V`", result.Out, StringComparison.Ordinal);
        Assert.Contains("Up to date: qa (account 111111111111, us-east-1)", result.Out, StringComparison.Ordinal);
        // Text mode streams the toolkit's lines as they come.
        Assert.Contains("UPDATE_COMPLETE | AWS::ECS::Service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_keeps_nothing_when_the_service_still_runs_the_bootstrap_placeholder()
    {
        _aws.Service = Running(_qa, $"111111111111.dkr.ecr.us-east-1.amazonaws.com/{_qa.Names.Repository}:bootstrap");

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Assert.Single(_runner.ToolkitRuns), argument => argument.Contains(":Image=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Up_with_an_empty_cluster_reads_no_image_and_bootstraps_first_when_asked()
    {
        _aws.ClusterExists = false;

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa", "--bootstrap");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["bootstrap", "deploy"], _runner.ToolkitRuns.Select(FakeToolkitRunner.Verb));
        Assert.Equal("aws://111111111111/us-east-1", _runner.ToolkitRuns[0][^1]);
    }

    [Fact]
    public async Task Up_on_an_environment_that_requires_approval_shows_the_diff_then_asks()
    {
        _aws.Account = "222222222222";
        _aws.Service = Running(_prod, LiveImage.Replace("111111111111", "222222222222", StringComparison.Ordinal));
        var prompt = new ScriptedPrompt(canAsk: true, "y");
        var asked = new List<string>();
        var runner = new FakeToolkitRunner { OnToolkit = verb => asked.Add($"{verb} after {prompt.Questions.Count} questions") };

        var result = await RunAsync(prompt, runner, "infra", "up", "--env", "prod");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["diff after 0 questions", "deploy after 1 questions"], asked);
        Assert.Equal("Apply these changes to prod (account 222222222222, us-east-1)? [y/N]", Assert.Single(prompt.Questions));
        Assert.Contains("[~] AWS::ECS::Service Service", result.Error, StringComparison.Ordinal);
        Assert.Contains("fargo-prod-todo-api:Image=222222222222.dkr.ecr", string.Join(' ', runner.ToolkitRuns[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_not_approved_changes_nothing()
    {
        _aws.Account = "222222222222";
        var prompt = new ScriptedPrompt(canAsk: true, "n");

        var result = await RunAsync(prompt, "infra", "up", "--env", "prod");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Not approved; nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Equal(["diff"], _runner.ToolkitRuns.Select(FakeToolkitRunner.Verb));
    }

    [Fact]
    public async Task Up_on_an_environment_that_requires_approval_refuses_without_a_terminal_or_yes()
    {
        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "prod");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("requires approval, and there is no terminal to ask on", result.Error, StringComparison.Ordinal);
        Assert.Empty(_aws.Calls);
        Assert.Empty(_runner.Started);
    }

    [Fact]
    public async Task Up_with_yes_does_not_ask_on_an_environment_that_requires_approval()
    {
        _aws.Account = "222222222222";
        var prompt = new ScriptedPrompt(canAsk: false);

        var result = await RunAsync(prompt, "infra", "up", "--env", "prod", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(prompt.Questions);
        Assert.Equal(["deploy"], _runner.ToolkitRuns.Select(FakeToolkitRunner.Verb));
    }

    [Fact]
    public async Task Credentials_of_another_account_are_refused_before_anything_runs()
    {
        _aws.Account = "999999999999";

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("belong to account 999999999999", result.Error, StringComparison.Ordinal);
        Assert.Equal(["STS GetCallerIdentity"], _aws.Calls);
        Assert.Empty(_runner.Started);
    }

    [Fact]
    public async Task A_failed_deploy_exits_1_and_says_which_toolkit_command_failed()
    {
        _runner.ExitCodes["deploy"] = 1;

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cdk deploy failed (exit code 1)", result.Error, StringComparison.Ordinal);
        Assert.Contains("--bootstrap", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_public_hosted_zone_of_that_name_is_a_usage_error_before_the_toolkit_runs()
    {
        _aws.HostedZones.RemoveAll(zone => zone.Id == "Z0PUBLIC");

        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no public hosted zone named example.com in this account (only 1 private one", result.Error, StringComparison.Ordinal);
        Assert.Empty(_runner.ToolkitRuns);
    }

    [Fact]
    public async Task Subnet_options_are_refused_for_an_environment_with_its_own_vpc()
    {
        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "up", "--env", "qa", "--public-subnets", "subnet-1,subnet-2", "--private-subnets", "subnet-3,subnet-4");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("creates its own", result.Error, StringComparison.Ordinal);
        Assert.Empty(_runner.ToolkitRuns);
    }

    [Fact]
    public async Task Diff_compares_both_stacks_and_streams_what_the_toolkit_says()
    {
        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "diff", "--env", "qa");

        Assert.True(result.ExitCode == 0, result.ToString());
        var assembly = await AssemblyAsync("qa");
        Assert.Equal(["diff", "--app", assembly.Directory, "--no-color", "--no-notices", "fargo-qa", "fargo-qa-todo-api"], Assert.Single(_runner.ToolkitRuns));
        Assert.Equal(["STS GetCallerIdentity"], _aws.Calls);
        Assert.Contains("[~] AWS::ECS::Service Service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_as_json_reports_the_toolkit_lines_on_stdout_and_streams_them_on_stderr()
    {
        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "diff", "--env", "qa", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var lines = json.RootElement.GetProperty("output").EnumerateArray().Select(line => line.GetString()).ToList();
        Assert.StartsWith("Installing the AWS CDK toolkit 2.160.0", lines[0], StringComparison.Ordinal);
        Assert.Equal(["Stack fargo-qa-todo-api", "[~] AWS::ECS::Service Service", "Number of stacks with differences: 1"], lines[1..]);
        Assert.Equal((await AssemblyAsync("qa")).Directory, json.RootElement.GetProperty("assembly").GetString());
        Assert.Contains("Number of stacks with differences: 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pinned_toolkit_is_installed_once_into_the_tools_folder()
    {
        await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "diff", "--env", "qa");
        await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "diff", "--env", "qa");

        var install = Assert.Single(_runner.Started, spec => spec.Arguments.Contains("install"));
        Assert.Contains("aws-cdk@2.160.0", install.Arguments);
        Assert.True(File.Exists(Path.Combine(Tools, "aws-cdk", "2.160.0", "node_modules", "aws-cdk", "package.json")));
        Assert.Equal(2, _runner.ToolkitRuns.Count);
    }

    [Fact]
    public async Task Down_empties_the_buckets_and_the_repository_then_destroys_the_service_stack_first()
    {
        _aws.Stacks["fargo-qa"] = new() { [StackOutputs.AccessLogsBucketName] = "fargo-qa-logs" };
        _aws.Stacks["fargo-qa-todo-api"] = new() { [StackOutputs.RepositoryName] = "todo-api", [StackOutputs.DataBucketName] = "todo-data" };
        _aws.Buckets["fargo-qa-logs"] = [("alb/1.log", "v1", false), ("alb/1.log", "v2", true), ("alb/2.log", "v3", false)];
        _aws.Buckets["todo-data"] = [];
        _aws.Repositories["todo-api"] = ["sha256:aaa", "sha256:bbb"];
        var runner = new FakeToolkitRunner { OnToolkit = verb => _aws.Calls.Add($"cdk {verb}") };
        var prompt = new ScriptedPrompt(canAsk: true, "qa");

        var result = await RunAsync(prompt, runner, "infra", "down", "--env", "qa", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Type the environment's name (qa) to delete its stacks:", Assert.Single(prompt.Questions));
        Assert.Equal(
            [
                "STS GetCallerIdentity",
                "CloudFormation DescribeStacks fargo-qa", "CloudFormation DescribeStacks fargo-qa-todo-api",
                "S3 ListObjectVersions",
                "ECR DescribeImages", "ECR BatchDeleteImage",
                "S3 ListObjectVersions", "S3 DeleteObjects", "S3 ListObjectVersions", "S3 DeleteObjects",
                "cdk destroy",
            ],
            _aws.Calls);
        // Every version and delete marker went, page by page.
        Assert.Equal([[("alb/1.log", "v1"), ("alb/1.log", "v2")], [("alb/2.log", "v3")]], _aws.S3Deletes);
        Assert.Empty(_aws.Buckets["fargo-qa-logs"]);
        Assert.Empty(_aws.Repositories["todo-api"]);
        Assert.Equal(["destroy", "--app", (await AssemblyAsync("qa")).Directory, "--no-color", "--no-notices", "--force", "fargo-qa-todo-api", "fargo-qa"], Assert.Single(runner.ToolkitRuns));

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(["fargo-qa-todo-api", "fargo-qa"], json.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(
            ["bucket todo-data 0", "repository todo-api 2", "bucket fargo-qa-logs 3"],
            json.RootElement.GetProperty("emptied").EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("name").GetString()} {e.GetProperty("deleted").GetInt32()}"));
        Assert.Contains("This deletes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_not_confirmed_with_the_environment_name_deletes_nothing()
    {
        var prompt = new ScriptedPrompt(canAsk: true, "y");

        var result = await RunAsync(prompt, "infra", "down", "--env", "qa");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Not confirmed; nothing was deleted.", result.Error, StringComparison.Ordinal);
        Assert.Empty(_runner.ToolkitRuns);
        Assert.DoesNotContain(_aws.Calls, call => call.StartsWith("S3", StringComparison.Ordinal) || call.StartsWith("ECR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Down_refuses_without_a_terminal_unless_yes()
    {
        var refused = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "down", "--env", "qa");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("there is no terminal to ask on. Nothing was deleted.", refused.Error, StringComparison.Ordinal);
        Assert.Empty(_aws.Calls);
        Assert.Empty(_runner.Started);

        var confirmed = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "down", "--env", "qa", "--yes");

        Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
        Assert.Equal(["destroy"], _runner.ToolkitRuns.Select(FakeToolkitRunner.Verb));
        Assert.Contains("Deleted fargo-qa-todo-api and fargo-qa of qa", confirmed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_in_a_prod_like_environment_keeps_buckets_and_repository()
    {
        _aws.Account = "222222222222";
        _aws.Stacks["fargo-prod"] = new() { [StackOutputs.AccessLogsBucketName] = "fargo-prod-logs" };
        _aws.Stacks["fargo-prod-todo-api"] = new() { [StackOutputs.RepositoryName] = "todo-api", [StackOutputs.DataBucketName] = "todo-data" };
        _aws.Buckets["fargo-prod-logs"] = [("alb/1.log", "v1", false)];
        _aws.Repositories["todo-api"] = ["sha256:aaa"];
        var prompt = new ScriptedPrompt(canAsk: true, "prod");

        var result = await RunAsync(prompt, "infra", "down", "--env", "prod");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deletion protection", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_aws.Calls, call => call.StartsWith("S3", StringComparison.Ordinal) || call.StartsWith("ECR", StringComparison.Ordinal));
        Assert.Single(_aws.Buckets["fargo-prod-logs"]);
        Assert.Equal(["destroy"], _runner.ToolkitRuns.Select(FakeToolkitRunner.Verb));
    }

    private Task<CliResult> RunAsync(ScriptedPrompt prompt, params string[] args) => RunAsync(prompt, _runner, args);

    private Task<CliResult> RunAsync(ScriptedPrompt prompt, FakeToolkitRunner runner, params string[] args)
    {
        var dependencies = new InfraDependencies(runner, _ => Tools, _fixture.Synthesizer, (_, region) => _aws.Options(region), prompt);
        return InfraCli.RunAsync(dependencies, _folder.Path, [.. args, "--service", "todo-api", "--config", Repository.ExampleConfig, "--out", Out]);
    }

    /// <summary>The assembly the commands got (the fixture's, synthesized once).</summary>
    /// <summary>The API's assembly of the example's app (its stacks synthesized with the worker's), as the command got it.</summary>
    private async Task<SynthesizedAssembly> AssemblyAsync(string environment)
    {
        var settings = environment == "qa" ? _qa : _prod;
        var app = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(Repository.ExampleConfig)).ServicesIn(environment);
        var assemblies = await _fixture.Synthesizer.SynthesizeAppAsync(app, _ => RepositoryPlacement.Alone, Path.Combine(Out, environment), CancellationToken.None);
        return assemblies.Single(a => a.Stacks.Service == StackNames.For(settings).Service);
    }

    private static RunningService Running(ServiceSettings settings, string image) => new(
        settings.Names.Cluster,
        settings.Names.Service,
        settings.Names.ContainerName,
        $"arn:aws:ecs:us-east-1:{settings.Environment.Account}:task-definition/{settings.Names.TaskFamily}:7",
        image);
}
