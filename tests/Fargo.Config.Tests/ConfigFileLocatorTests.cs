namespace Fargo.Config.Tests;

public sealed class ConfigFileLocatorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fargo-locator-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Finds_the_file_in_the_folder_itself()
    {
        var file = Path.Combine(_root.FullName, "fargo.toml");
        File.WriteAllText(file, "");

        Assert.Equal(file, ConfigFileLocator.Find(_root.FullName));
    }

    [Fact]
    public void Finds_the_nearest_parents_file()
    {
        var service = Directory.CreateDirectory(Path.Combine(_root.FullName, "service"));
        var nested = Directory.CreateDirectory(Path.Combine(service.FullName, "src", "App"));
        File.WriteAllText(Path.Combine(_root.FullName, "fargo.toml"), "");
        File.WriteAllText(Path.Combine(service.FullName, "fargo.toml"), "");

        Assert.Equal(Path.Combine(service.FullName, "fargo.toml"), ConfigFileLocator.Find(nested.FullName));
    }

    [Fact]
    public void Returns_null_when_no_folder_above_has_one()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_root.FullName, "a", "b"));

        // The temporary folder's own ancestors hold no fargo.toml on a test machine.
        Assert.Null(ConfigFileLocator.Find(nested.FullName));
    }
}
