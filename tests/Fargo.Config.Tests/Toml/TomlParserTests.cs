using System.Globalization;
using System.Text;
using Fargo.Config.Toml;

namespace Fargo.Config.Tests.Toml;

public sealed class TomlParserTests
{
    private static T Value<T>(TomlTable table, params string[] path)
        where T : TomlValue
    {
        TomlValue current = table;
        foreach (var key in path)
        {
            current = ((TomlTable)current).Entries[key];
        }

        return Assert.IsType<T>(current);
    }

    [Fact]
    public void Reads_a_fargo_toml_with_tables_and_environments()
    {
        var doc = TomlParser.Parse("""
            name = "todo-api"   # the service
            port = 8080

            [resources]
            cpu = 256
            memory = 512

            [health]
            path = "/_health"
            interval = "30s"

            [environments.prod]
            account = "123456789012"
            requires_approval = true
            resources.cpu = 1024
            """);

        Assert.Equal(["name", "port", "resources", "health", "environments"], doc.Keys);
        Assert.Equal("todo-api", Value<TomlString>(doc, "name").Value);
        Assert.Equal(8080, Value<TomlInteger>(doc, "port").Value);
        Assert.Equal(512, Value<TomlInteger>(doc, "resources", "memory").Value);
        Assert.True(Value<TomlBoolean>(doc, "environments", "prod", "requires_approval").Value);
        Assert.Equal(1024, Value<TomlInteger>(doc, "environments", "prod", "resources", "cpu").Value);
    }

    [Fact]
    public void Values_and_keys_carry_where_they_were_written()
    {
        var doc = TomlParser.Parse("name = \"x\"\n\n[health]\n  path   = \"/h\"\n[environments.prod]\nscaling.min = 2\n");

        Assert.Equal(new TomlPosition(1, 1), doc.KeyPositions["name"]);
        Assert.Equal(new TomlPosition(1, 8), doc.Entries["name"].Position);
        Assert.Equal(new TomlPosition(3, 2), doc.KeyPositions["health"]);
        Assert.Equal(new TomlPosition(3, 1), doc.Entries["health"].Position);
        var health = Value<TomlTable>(doc, "health");
        Assert.Equal(new TomlPosition(4, 3), health.KeyPositions["path"]);
        Assert.Equal(new TomlPosition(4, 12), health.Entries["path"].Position);
        var prod = Value<TomlTable>(doc, "environments", "prod");
        Assert.Equal(new TomlPosition(5, 15), Value<TomlTable>(doc, "environments").KeyPositions["prod"]);
        Assert.Equal(new TomlPosition(6, 1), prod.KeyPositions["scaling"]);
        Assert.Equal(new TomlPosition(6, 9), Value<TomlTable>(doc, "environments", "prod", "scaling").KeyPositions["min"]);
        Assert.Equal(new TomlPosition(6, 15), Value<TomlInteger>(doc, "environments", "prod", "scaling", "min").Position);
    }

    [Fact]
    public void An_implicit_table_takes_the_position_of_the_header_that_defines_it_later()
    {
        var doc = TomlParser.Parse("[a.b]\nx = 1\n[a]\ny = 2\n");

        Assert.Equal(new TomlPosition(3, 2), doc.KeyPositions["a"]);
        Assert.Equal(new TomlPosition(3, 1), doc.Entries["a"].Position);
    }

    [Theory]
    [InlineData("99", 99)]
    [InlineData("+17", 17)]
    [InlineData("-17", -17)]
    [InlineData("1_000_000", 1_000_000)]
    [InlineData("0xDEAD_beef", 0xDEADBEEF)]
    [InlineData("0o755", 493)]
    [InlineData("0b1101", 13)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    public void Reads_integers(string text, long expected)
    {
        Assert.Equal(expected, Value<TomlInteger>(TomlParser.Parse($"v = {text}"), "v").Value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("0x8000000000000000")]
    [InlineData("1e400")]
    public void Rejects_numbers_out_of_range(string text)
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse($"v = {text}"));
        Assert.Contains("out of range", error.Reason, StringComparison.Ordinal);
        Assert.Equal(new TomlPosition(1, 5), error.Position);
    }

    [Theory]
    [InlineData("3.14", 3.14)]
    [InlineData("-0.01", -0.01)]
    [InlineData("5e+22", 5e22)]
    [InlineData("1E6", 1e6)]
    [InlineData("6.626e-34", 6.626e-34)]
    [InlineData("224_617.445_991", 224617.445991)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("nan", double.NaN)]
    public void Reads_floats(string text, double expected)
    {
        Assert.Equal(expected, Value<TomlFloat>(TomlParser.Parse($"v = {text}"), "v").Value);
    }

    [Theory]
    [InlineData("1979-05-27T07:32:00Z", TomlDateTimeKind.OffsetDateTime, "1979-05-27T07:32:00Z")]
    [InlineData("1979-05-27 07:32:00z", TomlDateTimeKind.OffsetDateTime, "1979-05-27T07:32:00Z")]
    [InlineData("1979-05-27t00:32:00.999999-07:00", TomlDateTimeKind.OffsetDateTime, "1979-05-27T00:32:00.999999-07:00")]
    [InlineData("1979-05-27T07:32:00", TomlDateTimeKind.LocalDateTime, "1979-05-27T07:32:00")]
    [InlineData("2024-02-29", TomlDateTimeKind.LocalDate, "2024-02-29")]
    [InlineData("00:32:00.50", TomlDateTimeKind.LocalTime, "00:32:00.50")]
    public void Reads_date_times_in_rfc3339_form(string text, TomlDateTimeKind kind, string expected)
    {
        var value = Value<TomlDateTime>(TomlParser.Parse($"v = {text}"), "v");
        Assert.Equal(kind, value.Kind);
        Assert.Equal(expected, value.Text);
    }

    [Fact]
    public void Reads_every_kind_of_string()
    {
        var doc = TomlParser.Parse(
            "basic = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F600\"\r\n" +
            "literal = 'C:\\Users\\nodejs'\r\n" +
            "multi = \"\"\"\r\nline one\r\nline two \\\r\n     joined\"\"\"\r\n" +
            "raw = '''\nfirst\n  'quoted' ''\n'''\n" +
            "quotes = \"\"\"two \"\"at the end\"\"\"\"\"\n");

        Assert.Equal("tab\there \"q\" é 😀", Value<TomlString>(doc, "basic").Value);
        Assert.Equal("C:\\Users\\nodejs", Value<TomlString>(doc, "literal").Value);
        Assert.Equal("line one\nline two joined", Value<TomlString>(doc, "multi").Value);
        Assert.Equal("first\n  'quoted' ''\n", Value<TomlString>(doc, "raw").Value);
        Assert.Equal("two \"\"at the end\"\"", Value<TomlString>(doc, "quotes").Value);
    }

    [Fact]
    public void Reads_arrays_inline_tables_and_arrays_of_tables()
    {
        var doc = TomlParser.Parse("""
            codes = [ 200, "300-399", 1.5, [true], ]   # mixed types are fine in TOML 1.0
            point = { x = 1, y.z = 2 }
            [[deploy.step]]
            name = "a"
            [deploy.step.extra]
            n = 1
            [[deploy.step]]
            name = "b"
            """);

        var codes = Value<TomlArray>(doc, "codes").Items;
        Assert.Equal(4, codes.Count);
        Assert.Equal("300-399", Assert.IsType<TomlString>(codes[1]).Value);
        Assert.Equal(2, Value<TomlInteger>(doc, "point", "y", "z").Value);
        var steps = Value<TomlArray>(doc, "deploy", "step").Items;
        Assert.Equal(2, steps.Count);
        Assert.Equal(1, Value<TomlInteger>((TomlTable)steps[0], "extra", "n").Value);
        Assert.Equal("b", Value<TomlString>((TomlTable)steps[1], "name").Value);
        Assert.Equal(new TomlPosition(7, 1), steps[1].Position);
    }

    [Fact]
    public void Quoted_keys_may_hold_any_characters()
    {
        var doc = TomlParser.Parse("\"a.b\" = 1\n'c d'.\"\" = 2\n");

        Assert.Equal(1, Value<TomlInteger>(doc, "a.b").Value);
        Assert.Equal(2, Value<TomlInteger>(doc, "c d", "").Value);
    }

    [Fact]
    public void The_byte_reader_skips_a_byte_order_mark_and_decodes_utf8()
    {
        var doc = TomlParser.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("k = \"héllo\"")]);

        Assert.Equal("héllo", Value<TomlString>(doc, "k").Value);
        Assert.Equal(new TomlPosition(1, 1), doc.KeyPositions["k"]);
    }

    [Fact]
    public async Task Reads_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fargo-toml-{Guid.NewGuid():N}.toml");
        await File.WriteAllTextAsync(path, "port = 8080\n");
        try
        {
            var doc = await TomlParser.ParseFileAsync(path);
            Assert.Equal(8080, Value<TomlInteger>(doc, "port").Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(text));

        Assert.Contains("nested", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_megabyte_documents_parse_with_exact_positions()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 1_000_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"[service{i}]\nname = \"service-{i} \\u00e9\"\nport = {8000 + i}\nratio = {i}.5e-3\n")
                .Append(CultureInfo.InvariantCulture, $"when = 2024-01-{i % 28 + 1:00}T10:00:00Z\ntags = [\"a\", 'b', {{ k = {i} }}]\nnotes = \"\"\"\nline\\\n  joined\"\"\"\n\n");
        }

        var single = "values = [" + string.Join(", ", Enumerable.Range(0, 150_000)) + "]";

        // Speed is not asserted here (tests carry no timings); quadratic work would show as a test that
        // takes minutes. Correct positions at the end of a 1 MB line are what a user relies on.
        var doc = TomlParser.Parse(text.ToString());
        var line = TomlParser.Parse(single);

        Assert.True(doc.Keys.Count > 5000);
        Assert.Equal(new TomlPosition(1, single.Length - 6), Value<TomlArray>(line, "values").Items[^1].Position);
    }
}
