using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fargo.Config.Toml;

namespace TomlDecoder;

/// <summary>
/// toml-test's tagged JSON: tables become objects, arrays become arrays, and every other value becomes
/// <c>{"type": T, "value": TEXT}</c> with T one of string, integer, float, bool, datetime,
/// datetime-local, date-local, time-local.
/// </summary>
public static class TomlTaggedJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Readable output; control characters and quotes are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Stream output, TomlTable document)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        Write(writer, document);
    }

    public static string Serialize(TomlTable document)
    {
        using var buffer = new MemoryStream();
        Write(buffer, document);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter writer, TomlValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case TomlTable table:
                writer.WriteStartObject();
                foreach (var key in table.Keys)
                {
                    writer.WritePropertyName(key);
                    Write(writer, table.Entries[key]);
                }

                writer.WriteEndObject();
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case TomlString s:
                WriteTagged(writer, "string", s.Value);
                break;
            case TomlInteger i:
                WriteTagged(writer, "integer", i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case TomlFloat f:
                WriteTagged(writer, "float", FormatFloat(f.Value));
                break;
            case TomlBoolean b:
                WriteTagged(writer, "bool", b.Value ? "true" : "false");
                break;
            case TomlDateTime d:
                WriteTagged(writer, DateTimeTag(d.Kind), d.Text);
                break;
            default:
                throw new ArgumentException($"unknown TOML value type {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>toml-test's spelling: "inf", "-inf", "nan", otherwise the shortest text that round-trips.</summary>
    public static string FormatFloat(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string DateTimeTag(TomlDateTimeKind kind) => kind switch
    {
        TomlDateTimeKind.OffsetDateTime => "datetime",
        TomlDateTimeKind.LocalDateTime => "datetime-local",
        TomlDateTimeKind.LocalDate => "date-local",
        TomlDateTimeKind.LocalTime => "time-local",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void WriteTagged(Utf8JsonWriter writer, string type, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }
}
