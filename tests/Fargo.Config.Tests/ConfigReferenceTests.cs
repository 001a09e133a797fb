using System.Text.RegularExpressions;
using Fargo.Config.Schema;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>
/// The README's configuration reference is generated from the schema the validator uses. When they differ,
/// regenerate the README section with FARGO_UPDATE_README=1 (see the failure message).
/// </summary>
public sealed partial class ConfigReferenceTests
{
    private const string Regenerate =
        "The README's configuration reference is out of date with src/Fargo.Config/Schema/ConfigSchema.cs. " +
        "Regenerate it with: FARGO_UPDATE_README=1 dotnet test tests/Fargo.Config.Tests --filter ConfigReferenceTests";

    private static readonly string ReadmePath = RepositoryRoot.Combine("README.md");

    [Fact]
    public void Readme_reference_is_the_generated_one()
    {
        var readme = File.ReadAllText(ReadmePath);
        var (start, end) = SectionBounds(readme);
        var expected = "\n" + ConfigReference.RenderMarkdown();

        if (Environment.GetEnvironmentVariable("FARGO_UPDATE_README") == "1" && readme[start..end] != expected)
        {
            File.WriteAllText(ReadmePath, readme[..start] + expected + readme[end..]);
            readme = File.ReadAllText(ReadmePath);
            (start, end) = SectionBounds(readme);
        }

        Assert.True(readme[start..end] == expected, Regenerate);
    }

    [Fact]
    public void Readme_reference_lists_exactly_the_schemas_keys()
    {
        var readme = File.ReadAllText(ReadmePath);
        var (start, end) = SectionBounds(readme);

        var listed = KeyRow().Matches(readme[start..end]).Select(m => m.Groups["key"].Value).Order(StringComparer.Ordinal).ToList();
        var schema = ConfigSchema.Keys.Select(k => k.Path).Order(StringComparer.Ordinal).ToList();

        var missing = schema.Except(listed).ToList();
        var extra = listed.Except(schema).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{Regenerate}\nMissing from the README: {string.Join(", ", missing)}\nNot in the schema: {string.Join(", ", extra)}");
        Assert.Equal(schema, listed);
    }

    [Fact]
    public void Every_key_has_a_description_and_valid_defaults()
    {
        foreach (var key in ConfigSchema.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(key.Description), key.Path);
            Assert.False(key.Required && key.Default is not null, $"{key.Path} is required and has a default");
            Assert.False(key.Required && key.Example is null, $"{key.Path} is required and has no example to suggest");
            if (key.Type == Schema.ConfigValueType.Duration && key.Default is { } duration)
            {
                Assert.True(Durations.TryParse(duration.Trim('"'), out _, out _), key.Path);
            }
        }
    }

    private static (int Start, int End) SectionBounds(string readme)
    {
        var start = readme.IndexOf(ConfigReference.StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(ConfigReference.EndMarker, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md must hold the markers {ConfigReference.StartMarker} and {ConfigReference.EndMarker}.");
        return (start + ConfigReference.StartMarker.Length, end);
    }

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex KeyRow();
}
