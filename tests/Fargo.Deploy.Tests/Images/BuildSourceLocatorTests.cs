using Fargo.Config.Model;
using Fargo.Deploy.Images.Building;

namespace Fargo.Deploy.Tests.Images;

/// <summary>What an image is built from: the Dockerfile, or the .NET web project when there is none.</summary>
public sealed class BuildSourceLocatorTests : IDisposable
{
    private const string WebProject = "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>";
    private readonly string _folder = Directory.CreateTempSubdirectory("fargo-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void A_context_other_than_the_config_folder_keeps_the_Dockerfile_relative_to_the_config_folder()
    {
        var dockerfile = Write("services/api/Dockerfile", "FROM scratch\n");
        var image = new ImageSettings("Dockerfile", _folder)
        {
            DockerfileFolder = Path.Combine(_folder, "services", "api"),
            BuildArgs = new Dictionary<string, string> { ["VERSION"] = "1" },
            Target = "runtime",
        };

        var source = Assert.IsType<DockerfileSource>(BuildSourceLocator.Locate(image));

        Assert.Equal(dockerfile, source.Dockerfile);
        Assert.Equal(_folder, source.Context);
        Assert.Equal("1", source.BuildArgs["VERSION"]);
        Assert.Equal("runtime", source.Target);
    }

    [Fact]
    public void The_Dockerfile_wins_when_it_exists()
    {
        var dockerfile = Write("Dockerfile", "FROM scratch\n");
        Write("src/Api/Api.csproj", WebProject);

        Assert.Equal(new DockerfileSource(dockerfile, _folder), BuildSourceLocator.Locate(new ImageSettings("Dockerfile", _folder)));
    }

    [Fact]
    public void Without_a_Dockerfile_the_web_project_nearest_the_top_is_published()
    {
        Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var api = Write("src/Api/Api.csproj", WebProject);
        Write("tests/deep/Other/Other.csproj", WebProject);
        Write("src/Api/bin/Release/Copy.csproj", WebProject);

        Assert.Equal(new DotnetProjectSource(api), BuildSourceLocator.Locate(new ImageSettings("Dockerfile", _folder)));
    }

    [Fact]
    public void A_named_Dockerfile_that_is_missing_is_an_error_not_a_fallback()
    {
        Write("src/Api/Api.csproj", WebProject);

        var error = Assert.Throws<DeployUsageException>(() => BuildSourceLocator.Locate(new ImageSettings("docker/Api.Dockerfile", _folder)));

        Assert.Contains("docker/Api.Dockerfile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_build_is_said_so()
    {
        Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        var error = Assert.Throws<DeployUsageException>(() => BuildSourceLocator.Locate(new ImageSettings("Dockerfile", _folder)));

        Assert.Contains("no Dockerfile", error.Message, StringComparison.Ordinal);
    }
}
