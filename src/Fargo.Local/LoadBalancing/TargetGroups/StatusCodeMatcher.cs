using System.Globalization;

namespace Fargo.Local.LoadBalancing.TargetGroups;

/// <summary>
/// A target group's success codes, as ALB reads its Matcher's HttpCode: single codes, lists ("200,202")
/// and ranges ("200-399"); for HTTP health checks each code is from 200 to 499.
/// </summary>
public sealed class StatusCodeMatcher
{
    private readonly (int Low, int High)[] _ranges;

    private StatusCodeMatcher((int Low, int High)[] ranges, string text)
    {
        _ranges = ranges;
        Text = text;
    }

    public string Text { get; }

    public bool Matches(int statusCode) => Array.Exists(_ranges, r => statusCode >= r.Low && statusCode <= r.High);

    /// <summary>Parses a matcher; null when the text is not one ALB accepts.</summary>
    public static StatusCodeMatcher? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ranges = new List<(int, int)>();
        foreach (var part in text.Split(','))
        {
            var bounds = part.Trim().Split('-');
            if (bounds.Length is < 1 or > 2 || !TryCode(bounds[0], out var low))
            {
                return null;
            }

            var high = low;
            if (bounds.Length == 2 && (!TryCode(bounds[1], out high) || high < low))
            {
                return null;
            }

            ranges.Add((low, high));
        }

        return new StatusCodeMatcher([.. ranges], text.Trim());
    }

    private static bool TryCode(string text, out int code) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out code) && code is >= 200 and <= 499;
}
