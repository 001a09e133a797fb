using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Fargo.Cli.Commands;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Commands.Pipeline;
using Fargo.Cli.Rendering;
using Fargo.Cli.Tests.Infra.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.Infra;

/// <summary>
/// `fargo infra … --oidc | --pipeline` and `fargo pipeline codepipeline` on the example with a [pipeline] table, with the
/// fake toolkit and fake AWS of the infra tests: which stack is synthesized, the toolkit's command lines, the account
/// checked, and what is refused.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class InfraCiCdTests : IDisposable
{
    private readonly InfraSynthesisFixture _fixture;
    private readonly TempFolder _folder = new();
    private readonly FakeToolkitRunner _runner = new();
    private readonly FakeAws _aws = new();
    private readonly string _config;

    public InfraCiCdTests(InfraSynthesisFixture fixture)
    {
        _fixture = fixture;
        // The example's API alone (the stacks of a file of one service), with the repository named (the temporary folder
        // is in no git repository) and approvers.
        _config = _folder.File("fargo.toml");
        File.WriteAllText(_config, EndToEnd.Support.TodoProject.WithoutWorker(File.ReadAllText(Repository.ExampleConfig)) + """

            [pipeline]
            repository = "acme/todo-api"
            approvers = ["lead@example.com"]
            test = "dotnet test"
            """);
    }

    public void Dispose() => _folder.Dispose();

    private string Out => _folder.File("out");

    [Fact]
    public async Task Synth_oidc_writes_the_deploy_access_stack_of_the_environment()
    {
        var result = await RunAsync("infra", "synth", "--env", "prod", "--oidc", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var environment = Assert.Single(json.RootElement.GetProperty("environments").EnumerateArray());
        Assert.Equal("222222222222", environment.GetProperty("account").GetString());
        var stack = Assert.Single(environment.GetProperty("stacks").EnumerateArray());
        Assert.Equal("fargo-prod-todo-api-deploy-access", stack.GetProperty("name").GetString());
        Assert.Contains("\"repo:acme/todo-api:environment:production\"", File.ReadAllText(stack.GetProperty("template").GetString()!), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Out, "prod-deploy-access"), _fixture.Synthesizer.Requested[^1]);
        // No connection and no --trust-codepipeline: GitHub only.
        Assert.Equal("deploy-access prod (trusting CodePipeline: False)", _fixture.Synthesizer.SingleStacks[^1]);
        Assert.Empty(_aws.Calls);
    }

    [Fact]
    public async Task Synth_oidc_of_an_app_without_service_writes_the_apps_deploy_access_stack_granting_every_service()
    {
        // Environments of their own: the fixture keeps one synthesized stack per environment.
        var app = _folder.File("app.toml");
        File.WriteAllText(app, """
            name = "shop"
            port = 8080
            [services.web]
            [services.billing]
            kind = "worker"
            [environments.appqa]
            account = "111111111111"
            region = "eu-west-1"
            [environments.appprod]
            account = "222222222222"
            region = "eu-west-1"
            [pipeline]
            repository = "acme/shop"
            """);

        var result = await RunWithConfigAsync(app, "infra", "synth", "--env", "appqa", "--oidc", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var stack = Assert.Single(Assert.Single(json.RootElement.GetProperty("environments").EnumerateArray()).GetProperty("stacks").EnumerateArray());
        Assert.Equal("fargo-appqa-shop-deploy-access", stack.GetProperty("name").GetString());
        var template = File.ReadAllText(stack.GetProperty("template").GetString()!);
        Assert.Contains("\"shop-appqa-deploy\"", template, StringComparison.Ordinal);
        Assert.Contains("repository/web\"", template, StringComparison.Ordinal);
        Assert.Contains("repository/billing\"", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_oidc_checks_the_account_and_deploys_only_the_access_stack_reusing_the_provider_when_told()
    {
        _aws.Account = "222222222222";

        var result = await RunAsync("infra", "up", "--env", "prod", "--oidc", "--trust-codepipeline", "--existing-oidc-provider", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["STS GetCallerIdentity"], _aws.Calls);
        Assert.Equal("deploy-access prod (trusting CodePipeline: True)", _fixture.Synthesizer.SingleStacks[^1]);
        var deploy = Assert.Single(_runner.ToolkitRuns);
        // (The fixture synthesizes each stack once, into the folder of the first test that asks.)
        Assert.EndsWith("prod-deploy-access", deploy[2], StringComparison.Ordinal);
        Assert.Equal(
            [
                "deploy", "--app", deploy[2],
                "--no-color", "--no-notices", "--require-approval", "never", "--progress", "events",
                "--outputs-file", Path.Combine(deploy[2], "outputs.json"),
                "--parameters", "fargo-prod-todo-api-deploy-access:CreateOidcProvider=false",
                "fargo-prod-todo-api-deploy-access",
            ],
            deploy);
    }

    [Fact]
    public async Task Up_pipeline_deploys_the_pipeline_stack_in_the_first_stages_account()
    {
        _aws.Account = "111111111111";

        var result = await RunAsync("infra", "up", "--pipeline", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["STS GetCallerIdentity"], _aws.Calls);
        var deploy = Assert.Single(_runner.ToolkitRuns);
        Assert.Equal("fargo-todo-api-pipeline", deploy[^1]);
        Assert.DoesNotContain("--parameters", deploy);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("pipeline", json.RootElement.GetProperty("environment").GetString());
        Assert.Equal("111111111111", json.RootElement.GetProperty("account").GetString());
    }

    [Fact]
    public async Task Up_pipeline_with_the_wrong_accounts_credentials_changes_nothing()
    {
        _aws.Account = "222222222222";

        var result = await RunAsync("infra", "up", "--pipeline", "--yes");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(_runner.ToolkitRuns);
    }

    [Theory]
    [InlineData("--oidc", "--pipeline")]
    [InlineData("--pipeline", "--env", "qa")]
    [InlineData("--oidc")]
    [InlineData("--trust-codepipeline", "--env", "qa")]
    [InlineData("--pipeline", "--existing-oidc-provider")]
    public async Task Contradictory_or_incomplete_choices_are_usage_errors(params string[] options)
    {
        var result = await RunAsync(["infra", "up", "--yes", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_runner.ToolkitRuns);
        Assert.Empty(_aws.Calls);
    }

    [Fact]
    public async Task Codepipeline_describes_source_stages_approvers_and_how_to_deploy()
    {
        var result = await RunCodePipelineAsync("--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("fargo-todo-api", root.GetProperty("pipeline").GetString());
        Assert.Equal("fargo-todo-api-pipeline", root.GetProperty("stack").GetString());
        Assert.Equal("github-webhook", root.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("fargo/todo-api/github-token", root.GetProperty("source").GetProperty("tokenSecret").GetString());
        Assert.Equal(["qa", "Approve-prod", "prod"], root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var approval = root.GetProperty("stages")[1];
        Assert.Equal(["lead@example.com"], approval.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("fargo build --env qa --version \"$V\" --test \"$FARGO_TEST\"", root.GetProperty("stages")[0].GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(
            ["fargo infra up --env qa --oidc --trust-codepipeline", "fargo infra up --env prod --oidc --trust-codepipeline", "fargo infra up --pipeline"],
            root.GetProperty("deployWith").EnumerateArray().Select(c => c.GetString()));
        Assert.True(File.Exists(root.GetProperty("template").GetString()));
        Assert.Empty(_aws.Calls);
        Assert.Empty(_runner.ToolkitRuns);
    }

    private Task<CliResult> RunAsync(params string[] args) => RunWithConfigAsync(_config, args);

    private Task<CliResult> RunWithConfigAsync(string config, params string[] args)
    {
        var dependencies = new InfraDependencies(_runner, _ => _folder.File("tools"), _fixture.Synthesizer, (_, region) => _aws.Options(region), new ScriptedPrompt(canAsk: false));
        return InfraCli.RunAsync(dependencies, _folder.Path, [.. args, "--config", config, "--out", Out]);
    }

    /// <summary>`fargo pipeline codepipeline` on its own root, the way PipelineCommand hosts it.</summary>
    private async Task<CliResult> RunCodePipelineAsync(params string[] args)
    {
        var dependencies = new InfraDependencies(_runner, _ => _folder.File("tools"), _fixture.Synthesizer, (_, region) => _aws.Options(region), new ScriptedPrompt(canAsk: false));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = FargoCli.HostFor(_folder.Path, output, error);
        var globals = new GlobalOptions();
        var root = new RootCommand(FargoApp.Description);
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        var services = new CommandServices(host, globals);
        root.Subcommands.Add(new Command("pipeline") { new CodePipelineCommand(dependencies).Create(services) });
        var parseResult = root.Parse(["pipeline", "codepipeline", .. args, "--config", _config, "--out", Out]);
        Assert.False(parseResult.Action is ParseErrorAction, string.Join('\n', parseResult.Errors.Select(e => e.Message)));
        var exitCode = await parseResult.InvokeAsync(new InvocationConfiguration { Output = host.OutWriter, Error = host.ErrorWriter, EnableDefaultExceptionHandler = false }, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
