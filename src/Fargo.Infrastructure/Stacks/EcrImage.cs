using System.Text.RegularExpressions;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// An image in a private ECR repository (&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repository&gt;[:tag|@digest]):
/// a task's execution role may pull it only when granted, which a public image does not need.
/// </summary>
internal sealed partial record EcrImage(string Account, string Region, string Repository)
{
    public static EcrImage? TryParse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var match = Uri().Match(image);
        return match.Success ? new EcrImage(match.Groups["account"].Value, match.Groups["region"].Value, match.Groups["repository"].Value) : null;
    }

    [GeneratedRegex(@"^(?<account>\d{12})\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/(?<repository>[a-z0-9._/-]+?)(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?$")]
    private static partial Regex Uri();
}
