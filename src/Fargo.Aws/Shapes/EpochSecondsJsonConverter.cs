using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fargo.Aws.Shapes;

/// <summary>
/// awsJson1_1 timestamps: seconds since the Unix epoch as a JSON number, with a fraction for
/// sub-second precision (e.g. <c>1700000000.123</c>). Millisecond precision is kept.
/// </summary>
public sealed class EpochSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var seconds))
        {
            return FromEpochSeconds(seconds);
        }

        // Some JSON services send very large or exponent-form numbers; a double still carries milliseconds.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var approximate))
        {
            return FromEpochSeconds((decimal)approximate);
        }

        throw new JsonException($"Expected a timestamp as epoch seconds (a number), found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var seconds = value.ToUnixTimeMilliseconds() / 1000m;
        // WriteRawValue keeps "1700000000" and "1700000000.5" free of a trailing ".000".
        writer.WriteRawValue(seconds.ToString("0.###", CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    private static DateTimeOffset FromEpochSeconds(decimal seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero));
}
