using System.Text.Json;
using Fargo.Config.Toml;
using TomlDecoder;

namespace Fargo.Config.Tests.Toml;

/// <summary>The TOML project's own cases (toml-test, TOML 1.0): one test per file.</summary>
[Trait("Category", "Conformance")]
public sealed class TomlConformanceTests
{
    public static TheoryData<string> ValidCases() => TomlTestSuite.Cases("valid");

    public static TheoryData<string> InvalidCases() => TomlTestSuite.Cases("invalid");

    [TomlTestSuiteTheory]
    [MemberData(nameof(ValidCases))]
    public void Valid_document_decodes_to_the_expected_value(string testCase)
    {
        var file = TomlTestSuite.PathOf(testCase);
        var document = TomlParser.Parse(File.ReadAllBytes(file));

        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(file, ".json")));
        using var actual = JsonDocument.Parse(TomlTaggedJson.Serialize(document));
        var difference = TaggedJsonComparer.FindDifference(expected.RootElement, actual.RootElement);
        Assert.True(difference is null, difference);
    }

    [TomlTestSuiteTheory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_document_is_rejected_with_a_position_inside_it(string testCase)
    {
        var bytes = File.ReadAllBytes(TomlTestSuite.PathOf(testCase));

        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes));

        var lines = bytes.Count(b => b == (byte)'\n') + 1;
        Assert.InRange(error.Position.Line, 1, lines);
        Assert.True(error.Position.Column >= 1, $"column {error.Position.Column}");
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }
}
