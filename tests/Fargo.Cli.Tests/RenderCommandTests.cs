using System.Text.Json;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

public sealed class RenderCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public RenderCommandTests()
    {
        _folder.Write("fargo.toml", Configs.Valid);
        _folder.Write("config.toml", Configs.Flat);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Render_config_prints_the_merged_settings_of_the_environment()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "config", "--env", "prod");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("prod", json.RootElement.GetProperty("environment").GetProperty("name").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("scaling").GetProperty("max").GetInt32());
        Assert.Equal(1024, json.RootElement.GetProperty("resources").GetProperty("memory").GetInt32());
    }

    [Fact]
    public async Task Without_env_the_local_environment_is_rendered()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "config");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("local", json.RootElement.GetProperty("environment").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Render_taskdef_prints_the_request_with_the_image_given()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--env", "qa", "--image", "repo/shop@sha256:abc");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("shop-qa", json.RootElement.GetProperty("family").GetString());
        var container = json.RootElement.GetProperty("containerDefinitions")[0];
        Assert.Equal("repo/shop@sha256:abc", container.GetProperty("image").GetString());
        Assert.Equal("arn:aws:ssm:eu-west-1:111111111111:parameter/shared/api-key", container.GetProperty("secrets")[0].GetProperty("valueFrom").GetString());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Without_an_image_the_repository_at_latest_is_shown_and_said()
    {
        var qa = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--env", "qa");
        var local = await FargoCli.RunAsync(_folder.Path, "render", "taskdef");

        Assert.Equal("111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop:latest", Image(qa.Out));
        Assert.Contains("no --image given", qa.Error, StringComparison.Ordinal);
        Assert.Equal("000000000000.dkr.ecr.local.localhost/shop:latest", Image(local.Out));
    }

    [Fact]
    public async Task The_flat_file_renders_the_task_definition_of_the_existing_service()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--config", "config.toml", "--image", "123456789012.dkr.ecr.us-east-2.amazonaws.com/billing:v7");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("billing", json.RootElement.GetProperty("family").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/billing-task", json.RootElement.GetProperty("taskRoleArn").GetString());
        Assert.Equal("/aws/ecs/fargate/billing", json.RootElement.GetProperty("containerDefinitions")[0].GetProperty("logConfiguration").GetProperty("options").GetProperty("awslogs-group").GetString());
    }

    [Fact]
    public async Task An_env_with_a_flat_file_is_a_usage_error()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--config", "config.toml", "--env", "prod");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flat deploy file", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task An_unknown_environment_is_a_usage_error_that_names_the_known_ones()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--env", "prd");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("local, qa, prod", result.Error, StringComparison.Ordinal);
        Assert.Contains("prod", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_is_reported_as_json_on_stderr_with_every_problem()
    {
        _folder.Write("broken.toml", Configs.Broken);

        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--config", "broken.toml", "--output", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        using var json = JsonDocument.Parse(result.Error);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("configuration", error.GetProperty("kind").GetString());
        Assert.True(error.GetProperty("problems").GetArrayLength() >= 4);
    }

    private static string? Image(string output)
    {
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("containerDefinitions")[0].GetProperty("image").GetString();
    }
}
