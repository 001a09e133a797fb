using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[container]: limits, entry point, command, working directory and stop timeout, per environment.</summary>
public sealed class ContainerConfigTests
{
    private const string File = """
        name = "api"
        port = 8080

        [container]
        memory = 500
        memory_reservation = 300
        entrypoint = ["dotnet", "Api.dll"]
        command = ["--urls", "http://+:8080"]
        working_directory = "/app"
        stop_timeout = "1m"

        [local]
        command = "dotnet Api.dll --local"

        [environments.qa]
        account = "111111111111"
        region = "us-east-1"
        container = { memory = 400, stop_timeout = "2s" }
        """;

    [Fact]
    public void Nothing_set_leaves_every_member_to_ECS()
    {
        var settings = Configs.Service(Configs.Minimal).ForEnvironment("local");

        Assert.Equal(new Model.ContainerSettings(null, null, null, null, null, null), settings.Container);
    }

    [Fact]
    public void An_AWS_environment_gets_the_container_as_written_with_its_overrides()
    {
        var container = Configs.Service(File).ForEnvironment("qa").Container;

        Assert.Equal(400, container.Memory);
        Assert.Equal(300, container.MemoryReservation);
        Assert.Equal(["dotnet", "Api.dll"], container.EntryPoint);
        Assert.Equal(["--urls", "http://+:8080"], container.Command);
        Assert.Equal("/app", container.WorkingDirectory);
        Assert.Equal(2, container.StopTimeoutSeconds);
    }

    [Fact]
    public void On_the_local_region_the_local_command_is_the_whole_command_line()
    {
        var container = Configs.Service(File).ForEnvironment("local").Container;

        Assert.Null(container.EntryPoint);
        Assert.Equal(["dotnet", "Api.dll", "--local"], container.Command);
        Assert.Equal(500, container.Memory);
        Assert.Equal(60, container.StopTimeoutSeconds);
    }
}
