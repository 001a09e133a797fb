namespace Fargo.Config.Tests.Support;

/// <summary>Loads configuration text the way the CLI loads a file, for tests.</summary>
internal static class Configs
{
    public const string FileName = "fargo.toml";

    /// <summary>The smallest valid full file: two lines, so a test's own lines start at line 3.</summary>
    public const string Minimal = "name = \"api\"\nport = 8080\n";

    public static LoadedConfig Load(string text) => new ConfigLoader().Parse(text, FileName);

    public static ServiceConfig Service(string text) => Assert.IsType<ServiceConfig>(Load(text));

    /// <summary>The diagnostics of text that must fail to load.</summary>
    public static IReadOnlyList<ConfigDiagnostic> Problems(string text)
    {
        var error = Assert.Throws<ConfigException>(() => Load(text));
        Assert.NotEmpty(error.Diagnostics);
        return error.Diagnostics;
    }
}
