using Fargo.Deploy.Pipeline;
using YamlDotNet.RepresentationModel;

namespace Fargo.Deploy.Tests.Pipeline;

/// <summary>Whatever a value holds, a YAML reader gets back the very string that was written, as a string.</summary>
public sealed class YamlTextTests
{
    [Theory]
    [InlineData("plain words, with commas")]
    [InlineData("0.1.0")]
    [InlineData("111111111111")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("key: value")]
    [InlineData("text # not a comment")]
    [InlineData("- a list?")]
    [InlineData("{ a: 1 }")]
    [InlineData("[1, 2]")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("|")]
    [InlineData("'single' and \"double\" quotes")]
    [InlineData("back\\slash")]
    [InlineData("two\nlines\tand a tab")]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData("ünïcødé ✓")]
    [InlineData("bell\u0007")]
    [InlineData("a: b")]
    [InlineData("a:b")]
    [InlineData("ends with a colon:")]
    [InlineData("a #b")]
    [InlineData("a#b")]
    [InlineData("-x")]
    [InlineData("?x")]
    [InlineData("1:20")]
    [InlineData(".inf")]
    [InlineData("+1")]
    [InlineData("0x1F")]
    [InlineData("2024-01-01")]
    [InlineData("=")]
    [InlineData("<<")]
    [InlineData("%TAG")]
    [InlineData("`tick`")]
    [InlineData("echo \"VERSION=${GITHUB_SHA::7}\" >> \"$GITHUB_ENV\"")]
    [InlineData("github.repository == 'acme/x' && github.ref == 'refs/heads/main'")]
    public void Scalar_reads_back_unchanged(string value)
    {
        var yaml = new YamlText().Pair("key", value).Map("nested", n => n.Pair("key", value)).Map("list", l => l.Item(i => i.Pair("key", value))).ToString();

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var top = (YamlScalarNode)root["key"];
        Assert.Equal(value, top.Value);
        Assert.Equal(value, ((YamlScalarNode)((YamlMappingNode)root["nested"])["key"]).Value);
        Assert.Equal(value, ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)root.Children.Values.Last()).Children[0])["key"]).Value);
    }

    [Theory]
    [InlineData("0.1.0")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("111111111111")]
    [InlineData("")]
    [InlineData("a: b")]
    public void Values_a_reader_could_take_for_numbers_booleans_or_null_are_quoted(string value) =>
        Assert.Equal($"\"{value}\"", YamlText.Scalar(value));

    [Theory]
    [InlineData("fargo build --env qa --version \"$VERSION\"")]
    [InlineData("arn:aws:iam::111111111111:role/api-qa-deploy")]
    [InlineData("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683")]
    [InlineData("Build, test and deploy to qa")]
    public void Commands_names_and_ARNs_stay_plain_for_people_to_read(string value) => Assert.Equal(value, YamlText.Scalar(value));

    [Fact]
    public void A_sequence_item_aligns_its_keys_under_the_first()
    {
        var yaml = new YamlText().Map("steps", s => s.Item(i => i.Pair("name", "Check out").Pair("uses", "actions/checkout@v4"))).ToString();

        Assert.Equal("steps:\n  - name: Check out\n    uses: actions/checkout@v4\n", yaml);
    }

    [Fact]
    public void A_literal_block_keeps_its_lines()
    {
        var yaml = new YamlText().Literal("run", ["echo \"a: b\" # c", "exit 0"]).ToString();

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Assert.Equal("echo \"a: b\" # c\nexit 0\n", ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode)["run"]).Value);
    }
}
