using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fargo.Local.CloudFront;

/// <summary>
/// Whether a bucket policy lets a CloudFront distribution read through origin access control, as S3 decides it for
/// the signed request CloudFront sends: the principal is the service <c>cloudfront.amazonaws.com</c> and the request's
/// <c>AWS:SourceArn</c> is the distribution's ARN. Evaluated: Effect, Principal (Service, or "*"), Action and Resource
/// with wildcards, and the condition operators StringEquals, StringLike, ArnEquals, ArnLike and Bool on the keys such
/// a request has (AWS:SourceArn; aws:SecureTransport, true: CloudFront fetches over HTTPS). An explicit Deny wins.
/// An Allow with a condition on any other key does not apply (nothing here could make it true).
/// </summary>
internal static class OriginAccessPolicy
{
    public const string CloudFrontService = "cloudfront.amazonaws.com";

    /// <summary>Whether <paramref name="action"/> (s3:GetObject on an object, s3:ListBucket on the bucket) is allowed.</summary>
    public static bool Allows(string? policy, string action, string resourceArn, string distributionArn)
    {
        var statements = Statements(policy);
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:SourceArn"] = distributionArn,
            ["aws:SecureTransport"] = "true",
        };
        var applying = statements.Where(s => Applies(s, action, resourceArn, context)).ToList();
        return applying.Any(s => Effect(s) == "Allow") && !applying.Any(s => Effect(s) == "Deny");
    }

    /// <summary>The ARN S3 authorizes a request for an object, or for the bucket itself.</summary>
    public static string ObjectArn(string bucket, string key) => $"arn:aws:s3:::{bucket}/{key}";

    public static string BucketArn(string bucket) => $"arn:aws:s3:::{bucket}";

    private static List<JsonObject> Statements(string? policy)
    {
        if (policy is null)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(policy)?["Statement"] switch
            {
                JsonArray many => [.. many.OfType<JsonObject>()],
                JsonObject one => [one],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Effect(JsonObject statement) => statement["Effect"]?.GetValue<string>();

    private static bool Applies(JsonObject statement, string action, string resourceArn, Dictionary<string, string> context) =>
        statement["NotAction"] is null && statement["NotResource"] is null && statement["NotPrincipal"] is null
        && NamesCloudFront(statement["Principal"])
        && Values(statement["Action"]).Any(pattern => Like(action, pattern, ignoreCase: true))
        && Values(statement["Resource"]).Any(pattern => Like(resourceArn, pattern, ignoreCase: false))
        && ConditionHolds(statement["Condition"] as JsonObject, context);

    private static bool NamesCloudFront(JsonNode? principal) => principal switch
    {
        JsonValue value => value.GetValue<string>() == "*",
        JsonObject services => Values(services["Service"]).Contains(CloudFrontService, StringComparer.Ordinal) || Values(services["AWS"]).Contains("*", StringComparer.Ordinal),
        _ => false,
    };

    private static bool ConditionHolds(JsonObject? condition, Dictionary<string, string> context)
    {
        foreach (var (operation, keys) in condition ?? [])
        {
            foreach (var (key, expected) in keys as JsonObject ?? [])
            {
                if (!context.TryGetValue(key, out var actual))
                {
                    return false;
                }

                var values = Values(expected);
                var holds = operation switch
                {
                    "StringEquals" or "ArnEquals" => values.Contains(actual, StringComparer.Ordinal),
                    "StringEqualsIgnoreCase" => values.Contains(actual, StringComparer.OrdinalIgnoreCase),
                    "StringLike" or "ArnLike" => values.Any(v => Like(actual, v, ignoreCase: false)),
                    "Bool" => values.Contains(actual, StringComparer.OrdinalIgnoreCase),
                    _ => false,
                };
                if (!holds)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static List<string> Values(JsonNode? node) => node switch
    {
        JsonArray many => [.. many.Select(v => v?.ToString()).OfType<string>()],
        JsonValue one => [one.ToString()],
        _ => [],
    };

    /// <summary>IAM's wildcards: * any run of characters, ? one character.</summary>
    private static bool Like(string value, string pattern, bool ignoreCase) =>
        Regex.IsMatch(
            value,
            "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant | RegexOptions.Singleline,
            TimeSpan.FromSeconds(1));
}
