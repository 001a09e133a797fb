using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fargo.Aws.Tests.AwsCli;

/// <summary>
/// Compares the AWS CLI's JSON output with Fargo's parsed response as values: numbers by value, timestamps by
/// instant (the CLI prints ISO 8601; JSON services' records hold epoch seconds), everything else exactly.
/// </summary>
public static partial class JsonValueComparer
{
    public static List<string> Differences(JsonNode? cli, JsonNode? fargo, string path = "$")
    {
        var differences = new List<string>();
        Compare(cli, fargo, path, differences);
        return differences;
    }

    private static void Compare(JsonNode? cli, JsonNode? fargo, string path, List<string> differences)
    {
        switch (cli, fargo)
        {
            case (null, null):
                return;
            case (JsonObject a, JsonObject b):
                foreach (var (name, value) in a)
                {
                    if (!b.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: the CLI read {value?.ToJsonString()}, Fargo has nothing");
                        continue;
                    }
                    Compare(value, b[name], $"{path}.{name}", differences);
                }
                foreach (var (name, value) in b.Where(p => !a.ContainsKey(p.Key)))
                {
                    // A non-nullable number or boolean in a record is always written; AWS omits such a member only when it is 0/false.
                    if (value is JsonValue v && (v.GetValueKind() == JsonValueKind.False || (v.GetValueKind() == JsonValueKind.Number && v.GetValue<decimal>() == 0)))
                    {
                        continue;
                    }
                    differences.Add($"{path}.{name}: Fargo read {value?.ToJsonString()}, the CLI has nothing");
                }
                return;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    differences.Add($"{path}: the CLI read {a.Count} items, Fargo {b.Count}");
                    return;
                }
                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], b[i], $"{path}[{i}]", differences);
                }
                return;
            case (JsonValue a, JsonValue b):
                if (!ScalarsEqual(a, b))
                {
                    differences.Add($"{path}: the CLI read {a.ToJsonString()}, Fargo {b.ToJsonString()}");
                }
                return;
            default:
                differences.Add($"{path}: the CLI read {cli?.ToJsonString() ?? "null"}, Fargo {fargo?.ToJsonString() ?? "null"}");
                return;
        }
    }

    private static bool ScalarsEqual(JsonValue cli, JsonValue fargo)
    {
        var (cliKind, fargoKind) = (cli.GetValueKind(), fargo.GetValueKind());
        if (cliKind == JsonValueKind.String && IsoTimestamp().IsMatch(cli.GetValue<string>()))
        {
            var expected = DateTimeOffset.Parse(cli.GetValue<string>(), CultureInfo.InvariantCulture);
            return fargoKind switch
            {
                JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(fargo.GetValue<decimal>() * 1000m)) == expected,
                JsonValueKind.String => DateTimeOffset.TryParse(fargo.GetValue<string>(), CultureInfo.InvariantCulture, out var actual) && actual == expected,
                _ => false,
            };
        }
        if (cliKind == JsonValueKind.Number && fargoKind == JsonValueKind.Number)
        {
            return cli.GetValue<decimal>() == fargo.GetValue<decimal>();
        }
        return cliKind == fargoKind && JsonNode.DeepEquals(cli, fargo);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")]
    private static partial Regex IsoTimestamp();
}
