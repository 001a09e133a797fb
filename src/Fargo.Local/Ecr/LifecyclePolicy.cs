using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Local.Api;

namespace Fargo.Local.Ecr;

/// <summary>One rule of an ECR lifecycle policy: which images it selects, and when it expires them.</summary>
internal sealed record LifecycleRule(
    int Priority,
    string TagStatus,
    IReadOnlyList<string> TagPrefixes,
    IReadOnlyList<string> TagPatterns,
    bool CountsImages,
    int CountNumber)
{
    /// <summary>Whether the rule's tag requirements select the image (the count or age is not looked at).</summary>
    public bool Selects(ImageRecord image) => TagStatus switch
    {
        "untagged" => image.Tags.Count == 0,
        "any" => true,
        _ => image.Tags.Count > 0
            && TagPrefixes.All(prefix => image.Tags.Exists(tag => tag.StartsWith(prefix, StringComparison.Ordinal)))
            && TagPatterns.All(pattern => image.Tags.Exists(tag => LifecyclePolicy.MatchesPattern(tag, pattern))),
    };
}

/// <summary>
/// An ECR lifecycle policy, validated as ECR validates PutLifecyclePolicy, and evaluated by ECR's rules: rules in
/// ascending priority; an image is expired by at most one rule; an image a higher-priority rule selects is never
/// expired by a lower one, though count rules still count it; images go oldest first by push time.
/// </summary>
internal sealed class LifecyclePolicy
{
    private LifecyclePolicy(IReadOnlyList<LifecycleRule> rules) => Rules = rules;

    public IReadOnlyList<LifecycleRule> Rules { get; }

    public static LifecyclePolicy Parse(string policyText)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(policyText);
        }
        catch (JsonException)
        {
            throw Invalid("invalid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("object has missing required properties ([\"rules\"])");
            }

            var rules = rulesElement.EnumerateArray().Select(ParseRule).OrderBy(r => r.Priority).ToList();
            if (rules.Count == 0)
            {
                throw Invalid("the policy must have at least one rule");
            }

            if (rules.GroupBy(r => r.Priority).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            {
                throw Invalid($"rulePriority {duplicate.Key} is used by more than one rule: each rule needs a unique rulePriority");
            }

            if (rules.Count(r => r.TagStatus == "untagged") > 1)
            {
                throw Invalid("only one rule can select untagged images");
            }

            if (rules.FindIndex(r => r.TagStatus == "any") is var any and >= 0 && any != rules.Count - 1)
            {
                throw Invalid("the rule with tagStatus 'any' must have the highest rulePriority");
            }

            return new LifecyclePolicy(rules);
        }
    }

    /// <summary>The images the policy expires now, oldest first.</summary>
    public IReadOnlyList<ImageRecord> Expired(IReadOnlyList<ImageRecord> images, DateTimeOffset now)
    {
        var newestFirst = images.OrderByDescending(i => i.PushedAt).ToList();
        var claimed = new HashSet<ImageRecord>(ReferenceEqualityComparer.Instance);
        var expired = new List<ImageRecord>();
        foreach (var rule in Rules)
        {
            var selected = newestFirst.Where(rule.Selects).ToList();
            var due = rule.CountsImages
                ? selected.Skip(rule.CountNumber)
                : selected.Where(i => i.PushedAt < now - TimeSpan.FromDays(rule.CountNumber));
            expired.AddRange(due.Where(i => !claimed.Contains(i)));
            claimed.UnionWith(selected);
        }

        return [.. expired.OrderBy(i => i.PushedAt)];
    }

    /// <summary>ECR's wildcard: '*' matches any run of characters, everything else itself.</summary>
    public static bool MatchesPattern(string tag, string pattern) =>
        Regex.IsMatch(tag, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static LifecycleRule ParseRule(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("each rule must be an object");
        }

        var priority = Integer(rule, "rulePriority", "rule") ?? throw Invalid("a rule has missing required properties ([\"rulePriority\"])");
        if (priority < 1)
        {
            throw Invalid($"rulePriority {priority} must be 1 or more");
        }

        if (!rule.TryGetProperty("selection", out var selection) || selection.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"rule {priority} has missing required properties ([\"selection\"])");
        }

        if (!rule.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "expire")
        {
            throw Invalid($"rule {priority}: action.type must be \"expire\"");
        }

        var tagStatus = Text(selection, "tagStatus");
        if (tagStatus is not ("tagged" or "untagged" or "any"))
        {
            throw Invalid($"rule {priority}: selection.tagStatus must be one of [tagged, untagged, any]");
        }

        var prefixes = Strings(selection, "tagPrefixList", priority);
        var patterns = Strings(selection, "tagPatternList", priority);
        if (tagStatus == "tagged" && prefixes.Count + patterns.Count == 0)
        {
            throw Invalid($"rule {priority}: tagStatus 'tagged' needs a tagPrefixList or a tagPatternList");
        }

        if (tagStatus != "tagged" && prefixes.Count + patterns.Count > 0)
        {
            throw Invalid($"rule {priority}: tagPrefixList and tagPatternList apply only with tagStatus 'tagged'");
        }

        if (prefixes.Count > 0 && patterns.Count > 0)
        {
            throw Invalid($"rule {priority}: give a tagPrefixList or a tagPatternList, not both");
        }

        if (patterns.FirstOrDefault(p => p.Count(c => c == '*') > 4) is { } tooWild)
        {
            throw Invalid($"rule {priority}: the tag pattern '{tooWild}' has more than 4 wildcards");
        }

        var countType = Text(selection, "countType");
        var countNumber = Integer(selection, "countNumber", $"rule {priority}") ?? throw Invalid($"rule {priority} has missing required properties ([\"countNumber\"])");
        if (countNumber < 1)
        {
            throw Invalid($"rule {priority}: countNumber must be 1 or more");
        }

        var countUnit = Text(selection, "countUnit");
        switch (countType)
        {
            case "imageCountMoreThan" when countUnit is not null:
                throw Invalid($"rule {priority}: countUnit applies only with countType 'sinceImagePushed'");
            case "sinceImagePushed" when countUnit != "days":
                throw Invalid($"rule {priority}: countType 'sinceImagePushed' needs countUnit 'days'");
            case "imageCountMoreThan" or "sinceImagePushed":
                break;
            default:
                throw Invalid($"rule {priority}: selection.countType must be one of [imageCountMoreThan, sinceImagePushed]");
        }

        return new LifecycleRule(priority, tagStatus, prefixes, patterns, countType == "imageCountMoreThan", countNumber);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Integer(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Invalid($"{where}: {name} must be an integer");
    }

    private static List<string> Strings(JsonElement selection, string name, int priority)
    {
        if (!selection.TryGetProperty(name, out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
        {
            throw Invalid($"rule {priority}: {name} must be a list of non-empty strings");
        }

        return [.. list.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static LocalServiceException Invalid(string reason) =>
        new("InvalidParameterException", $"Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: {reason}'");
}
