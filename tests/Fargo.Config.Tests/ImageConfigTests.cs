using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[image]: build arguments, target and a context other than fargo.toml's folder.</summary>
public sealed class ImageConfigTests
{
    [Fact]
    public void Context_is_relative_to_the_file_and_the_Dockerfile_stays_relative_to_the_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fargo-image-" + Guid.NewGuid().ToString("N"), "services", "api");
        var text = Configs.Minimal + """
            [image]
            dockerfile = "Dockerfile"
            context = "../.."
            target = "runtime"
            build_args = { CONFIGURATION = "Release" }
            """;

        var image = new ConfigLoader().Parse(text, Path.Combine(folder, "fargo.toml")) is ServiceConfig config
            ? config.ForEnvironment("local").Image
            : throw new InvalidOperationException("not a service config");

        Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "..")), image.Context);
        Assert.Equal(Path.GetFullPath(folder), image.DockerfileFolder);
        Assert.Equal("runtime", image.Target);
        Assert.Equal("Release", image.BuildArgs["CONFIGURATION"]);
    }
}
