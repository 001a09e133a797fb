using System.Globalization;
using System.Text.Json;

namespace Fargo.Config.Tests.Toml;

/// <summary>
/// Compares toml-test tagged JSON the way toml-test does: tables as unordered maps, arrays in order,
/// integers and floats by value (nan equals nan), date-times by their normalised text.
/// </summary>
internal static class TaggedJsonComparer
{
    /// <summary>The first difference found, described with its JSON path; null when equal.</summary>
    public static string? FindDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (IsTagged(expected) || IsTagged(actual))
        {
            return IsTagged(expected) && IsTagged(actual)
                ? CompareTagged(expected, actual, path)
                : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected a JSON {expected.ValueKind}, got {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var missing = expectedKeys.Except(actualKeys).ToList();
                var extra = actualKeys.Except(expectedKeys).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                {
                    return $"{path}: keys missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}]";
                }

                foreach (var key in expectedKeys)
                {
                    var difference = FindDifference(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} elements, got {actual.GetArrayLength()}";
                }

                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    var difference = FindDifference(e, a, $"{path}[{index++}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return $"{path}: not toml-test tagged JSON: {expected.GetRawText()}";
        }
    }

    /// <summary>A leaf: exactly "type" and "value", both strings (a table with those keys has objects there).</summary>
    private static bool IsTagged(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.EnumerateObject().Count() == 2
        && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String;

    private static string? CompareTagged(JsonElement expected, JsonElement actual, string path)
    {
        var type = expected.GetProperty("type").GetString()!;
        var actualType = actual.GetProperty("type").GetString()!;
        var expectedValue = expected.GetProperty("value").GetString()!;
        var actualValue = actual.GetProperty("value").GetString()!;
        if (type != actualType)
        {
            return $"{path}: expected type {type} ({expectedValue}), got {actualType} ({actualValue})";
        }

        var equal = type switch
        {
            "integer" => long.Parse(expectedValue, CultureInfo.InvariantCulture) == long.Parse(actualValue, CultureInfo.InvariantCulture),
            "float" => FloatsEqual(ParseFloat(expectedValue), ParseFloat(actualValue)),
            "datetime" or "datetime-local" or "date-local" or "time-local" => NormaliseDateTime(expectedValue) == NormaliseDateTime(actualValue),
            _ => expectedValue == actualValue,
        };
        return equal ? null : $"{path}: expected {type} {JsonSerializer.Serialize(expectedValue)}, got {JsonSerializer.Serialize(actualValue)}";
    }

    private static bool FloatsEqual(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : expected.Equals(actual);

    private static double ParseFloat(string text) => text switch
    {
        "nan" or "+nan" or "-nan" => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>'T' and 'Z' upper-case, a space separator as 'T', trailing zeros of fractional seconds dropped, +00:00 as Z.</summary>
    private static string NormaliseDateTime(string text)
    {
        text = text.ToUpperInvariant().Replace(' ', 'T');
        if (text.EndsWith("+00:00", StringComparison.Ordinal) || text.EndsWith("-00:00", StringComparison.Ordinal))
        {
            text = text[..^6] + "Z";
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var fraction = text[(dot + 1)..end].TrimEnd('0');
        return text[..dot] + (fraction.Length > 0 ? "." + fraction : "") + text[end..];
    }
}
