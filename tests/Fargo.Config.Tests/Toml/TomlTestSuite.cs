namespace Fargo.Config.Tests.Toml;

/// <summary>
/// The toml-test cases: <c>FARGO_TOML_TEST_DIR</c>, or <c>../shared/conformance/toml-test</c> beside the
/// repository. Holds <c>valid/**/*.toml</c> (each with the expected tagged JSON beside it) and
/// <c>invalid/**/*.toml</c>.
/// </summary>
internal static class TomlTestSuite
{
    public const string DirectoryVariable = "FARGO_TOML_TEST_DIR";

    public static string Root { get; } = Resolve();

    public static bool IsPresent => Directory.Exists(Path.Combine(Root, "valid")) && Directory.Exists(Path.Combine(Root, "invalid"));

    /// <summary>One case per file under <paramref name="kind"/> ("valid" or "invalid"), as a path relative to <see cref="Root"/>.</summary>
    public static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        if (!IsPresent)
        {
            return data;
        }

        var cases = Directory.EnumerateFiles(Path.Combine(Root, kind), "*.toml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        foreach (var file in cases)
        {
            data.Add(file);
        }

        return data;
    }

    public static string PathOf(string testCase) => Path.Combine(Root, testCase);

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        return Path.GetFullPath(RepositoryRoot.Combine("..", "shared", "conformance", "toml-test"));
    }
}

/// <summary>A theory over toml-test cases that reports itself skipped (never passed) when the cases are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TomlTestSuiteTheoryAttribute : TheoryAttribute
{
    public TomlTestSuiteTheoryAttribute()
    {
        if (!TomlTestSuite.IsPresent)
        {
            Skip = $"toml-test cases not found at {TomlTestSuite.Root} (set {TomlTestSuite.DirectoryVariable})";
        }
    }
}
