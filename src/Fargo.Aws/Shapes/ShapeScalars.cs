using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fargo.Aws.Shapes;

/// <summary>
/// Scalars between their text form in Query parameters and XML, and the JSON form the shape metadata reads.
/// One place decides what a number, a boolean and a timestamp look like as text.
/// </summary>
internal static class ShapeScalars
{
    private enum ScalarKind
    {
        Text,
        Integer,
        Real,
        Boolean,
        Timestamp,
    }

    /// <summary>The JSON value for a scalar of CLR type <paramref name="type"/> written as <paramref name="text"/>.</summary>
    public static JsonNode FromText(Type type, string text, string path)
    {
        switch (KindOf(type))
        {
            case ScalarKind.Integer:
                return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? JsonValue.Create(integer)
                    : throw new AwsShapeFormatException(path, $"'{text}' is not an integer.");
            case ScalarKind.Real:
                return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                    ? JsonValue.Create(real)
                    : throw new AwsShapeFormatException(path, $"'{text}' is not a number.");
            case ScalarKind.Boolean:
                return text.Trim() switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    _ => throw new AwsShapeFormatException(path, $"'{text}' is not a boolean (true or false)."),
                };
            case ScalarKind.Timestamp:
                return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                    ? JsonValue.Create(time.ToUniversalTime())
                    : throw new AwsShapeFormatException(path, $"'{text}' is not an ISO 8601 timestamp.");
            default:
                return JsonValue.Create(text);
        }
    }

    /// <summary>The text form of a scalar as the serialized JSON holds it.</summary>
    public static string ToText(Type type, JsonElement value) =>
        KindOf(type) == ScalarKind.Timestamp
            ? FormatTimestamp(value.GetDateTimeOffset())
            : value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.GetRawText(),
            };

    /// <summary>ISO 8601 in UTC, as AWS writes it in XML and as the AWS CLI sends it in Query requests.</summary>
    public static string FormatTimestamp(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.Millisecond == 0 && utc.Microsecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static ScalarKind KindOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte))
        {
            return ScalarKind.Integer;
        }
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
        {
            return ScalarKind.Real;
        }
        if (t == typeof(bool))
        {
            return ScalarKind.Boolean;
        }
        return t == typeof(DateTimeOffset) || t == typeof(DateTime) ? ScalarKind.Timestamp : ScalarKind.Text;
    }
}
