using Fargo.Local.Api;
using Fargo.Local.Ecr;

namespace Fargo.Local.Tests.Ecr;

public sealed class LifecyclePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>What Fargo's service stack puts on every repository (ServiceStack: untagged after 14 days, keep 200), with 3 for 200.</summary>
    private const string FargoPolicy = """
        {"rules":[
          {"rulePriority":1,"description":"Untagged images go after 14 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}},
          {"rulePriority":2,"description":"Keep the newest images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}
        """;

    private static ImageRecord Image(string digest, int daysAgo, params string[] tags) =>
        new() { Digest = digest, PushedAt = Now - TimeSpan.FromDays(daysAgo), SizeInBytes = 1, Tags = [.. tags] };

    private static List<string> Expired(string policy, params ImageRecord[] images) =>
        [.. LifecyclePolicy.Parse(policy).Expired(images, Now).Select(i => i.Digest)];

    [Fact]
    public void Fargos_policy_expires_old_untagged_images_and_all_but_the_newest_while_a_young_untagged_image_stays()
    {
        var expired = Expired(FargoPolicy,
            Image("v6", 1, "v6"), Image("v5", 2, "v5"), Image("young-untagged", 3), Image("v4", 4, "v4"),
            Image("v3", 5, "v3"), Image("old-untagged", 20), Image("v1", 30, "v1"));

        // Newest first: v6, v5, young-untagged, v4 | v3, old-untagged, v1. The untagged rule owns both untagged images:
        // it expires the old one, and the count rule may not expire the young one though it counts it.
        Assert.Equal(["v1", "old-untagged", "v3", "v4"], expired);
    }

    [Fact]
    public void Tag_prefixes_and_patterns_select_images_having_a_tag_that_matches_each()
    {
        const string policy = """
            {"rules":[
              {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["pr-"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
              {"rulePriority":2,"selection":{"tagStatus":"tagged","tagPatternList":["*-rc*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}
            """;
        var expired = Expired(policy,
            Image("pr-2", 1, "pr-2"), Image("pr-1", 2, "pr-1"), Image("rc-new", 3, "1.0-rc2"), Image("rc-old", 10, "1.0-rc1"),
            Image("release-old", 40, "1.0"));

        Assert.Equal(["rc-old", "pr-1"], expired);
    }

    [Theory]
    [InlineData("""{"rules":[]}""", "at least one rule")]
    [InlineData("""{"rule":[]}""", "missing required properties ([\"rules\"])")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "'any' must have the highest rulePriority")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "rulePriority 1 is used by more than one rule")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "needs a tagPrefixList or a tagPatternList")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}""", "countUnit applies only")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countNumber":1},"action":{"type":"expire"}}]}""", "needs countUnit 'days'")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":0},"action":{"type":"expire"}}]}""", "countNumber must be 1 or more")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"keep"}}]}""", "action.type must be \"expire\"")]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["*a*b*c*d*e*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "more than 4 wildcards")]
    [InlineData("not json", "invalid JSON")]
    public void An_invalid_policy_is_refused_naming_what_is_wrong(string policy, string reason)
    {
        var error = Assert.Throws<LocalServiceException>(() => LifecyclePolicy.Parse(policy));
        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("Lifecycle policy validation failure: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
