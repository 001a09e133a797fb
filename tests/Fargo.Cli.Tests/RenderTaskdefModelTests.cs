using System.Text.Json;
using Fargo.Cli.Tests.Support;
using Fargo.Deploy.Tests.AwsModels;

namespace Fargo.Cli.Tests;

/// <summary>
/// `fargo render taskdef`, run as a user runs it, prints a RegisterTaskDefinition body that AWS's own ECS model
/// accepts: for each environment of the example service and for a flat deploy file.
/// </summary>
public sealed class RenderTaskdefModelTests : IDisposable
{
    private static readonly AwsServiceModel Ecs = AwsServiceModel.Load(Path.Combine(Repository.Root, "node_modules", "aws-sdk", "apis", "ecs-2014-11-13.min.json"));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Environments() => new()
    {
        { "local", "todo-api" }, { "qa", "todo-api" }, { "prod", "todo-api" },
        { "local", "todo-worker" }, { "qa", "todo-worker" }, { "prod", "todo-worker" },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task The_examples_task_definitions_fit_the_ECS_model(string environment, string service)
    {
        var result = await FargoCli.RunAsync(Repository.Example, "render", "taskdef", "--env", environment, "--service", service);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertFitsModel(result.Out);
    }

    [Fact]
    public async Task A_flat_files_task_definition_fits_the_ECS_model()
    {
        _folder.Write("config.toml", Configs.Flat);

        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--config", "config.toml", "--image", "123456789012.dkr.ecr.us-east-2.amazonaws.com/billing:v7");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertFitsModel(result.Out);
    }

    [Fact]
    public async Task The_installed_tool_prints_the_same_body_as_the_in_process_run()
    {
        var inProcess = await FargoCli.RunAsync(Repository.Example, "render", "taskdef", "--env", "prod", "--service", "todo-api", "--image", "x/y@sha256:1");
        var process = await FargoProcess.RunAsync(Repository.Example, "render", "taskdef", "--env", "prod", "--service", "todo-api", "--image", "x/y@sha256:1");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(inProcess.Out, process.Out);
        AssertFitsModel(process.Out);
    }

    private static void AssertFitsModel(string output)
    {
        using var json = JsonDocument.Parse(output);
        var problems = Ecs.Check(json.RootElement, "RegisterTaskDefinitionRequest");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
