using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Fargo.Local.Iam;

/// <summary>
/// A base condition operator: compares one request value with one policy value. <see cref="Negated"/> operators
/// (StringNotEquals, NotIpAddress…) match when the value matches none of the policy's values, and match a missing key.
/// </summary>
internal sealed record ValueComparison(string Name, bool Negated, Func<string, string, RequestContext, MatchOutcome> Positive);

/// <summary>The base operators AWS documents, by name (case-insensitive).</summary>
internal static class ValueComparisons
{
    private static readonly Dictionary<string, ValueComparison> ByName = Build().ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public static ValueComparison? Find(string name) => ByName.GetValueOrDefault(name);

    private static IEnumerable<ValueComparison> Build()
    {
        Func<string, string, RequestContext, MatchOutcome> equals = (value, policy, context) => PolicyPattern.Match(policy, value, context, wildcards: false, ignoreCase: false);
        Func<string, string, RequestContext, MatchOutcome> equalsIgnoreCase = (value, policy, context) => PolicyPattern.Match(policy, value, context, wildcards: false, ignoreCase: true);
        Func<string, string, RequestContext, MatchOutcome> like = (value, policy, context) => PolicyPattern.Match(policy, value, context, wildcards: true, ignoreCase: false);
        Func<string, string, RequestContext, MatchOutcome> arn = (value, policy, context) => ArnPattern.Match(policy, value, context);
        Func<string, string, RequestContext, MatchOutcome> ip = (value, policy, _) => IpRange.Contains(policy, value);

        yield return new("StringEquals", false, equals);
        yield return new("StringNotEquals", true, equals);
        yield return new("StringEqualsIgnoreCase", false, equalsIgnoreCase);
        yield return new("StringNotEqualsIgnoreCase", true, equalsIgnoreCase);
        yield return new("StringLike", false, like);
        yield return new("StringNotLike", true, like);
        yield return new("ArnEquals", false, arn);
        yield return new("ArnLike", false, arn);
        yield return new("ArnNotEquals", true, arn);
        yield return new("ArnNotLike", true, arn);
        yield return new("IpAddress", false, ip);
        yield return new("NotIpAddress", true, ip);
        yield return new("Bool", false, Bool);
        yield return new("BinaryEquals", false, (value, policy, _) => value == policy ? MatchOutcome.Match : MatchOutcome.NoMatch);

        foreach (var (name, negated, test) in Orderings())
        {
            yield return new("Numeric" + name, negated, (value, policy, _) => Compare(ParseNumber(value), ParseNumber(policy), test));
            yield return new("Date" + name, negated, (value, policy, _) => Compare(ParseDate(value), ParseDate(policy), test));
        }
    }

    // NotEquals is the negation of Equals; the orderings are plain comparisons of request value to policy value.
    private static IEnumerable<(string Name, bool Negated, Func<int, bool> Test)> Orderings() =>
    [
        ("Equals", false, c => c == 0),
        ("NotEquals", true, c => c == 0),
        ("LessThan", false, c => c < 0),
        ("LessThanEquals", false, c => c <= 0),
        ("GreaterThan", false, c => c > 0),
        ("GreaterThanEquals", false, c => c >= 0),
    ];

    private static MatchOutcome Compare(decimal? value, decimal? policy, Func<int, bool> test) =>
        value is null || policy is null ? MatchOutcome.Unresolvable
        : test(value.Value.CompareTo(policy.Value)) ? MatchOutcome.Match : MatchOutcome.NoMatch;

    private static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : null;

    // AWS dates are ISO 8601 (W3C profile) or epoch seconds; both become seconds since the epoch.
    private static decimal? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epochSeconds))
        {
            return epochSeconds;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUnixTimeMilliseconds() / 1000m
            : null;
    }

    private static MatchOutcome Bool(string value, string policy, RequestContext context)
    {
        if (!bool.TryParse(value, out var requested))
        {
            return MatchOutcome.Unresolvable;
        }

        var resolved = PolicyPattern.Resolve(policy, context);
        return resolved is null || !bool.TryParse(resolved, out var expected) ? MatchOutcome.Unresolvable
            : requested == expected ? MatchOutcome.Match : MatchOutcome.NoMatch;
    }
}

/// <summary>ArnEquals/ArnLike: the six ARN parts compared one by one, each with wildcards and policy variables.</summary>
internal static class ArnPattern
{
    public static MatchOutcome Match(string policy, string value, RequestContext context)
    {
        var policyParts = policy.Split(':', 6);
        var valueParts = value.Split(':', 6);
        if (policyParts.Length < 6 || valueParts.Length < 6)
        {
            return MatchOutcome.Unresolvable;
        }

        // Parts are compared in order and the first that fails decides: an ARN of another service does not match
        // even when a later part names a variable with no value.
        for (var part = 1; part < 6; part++)
        {
            var outcome = PolicyPattern.Match(policyParts[part], valueParts[part], context, wildcards: true, ignoreCase: false);
            if (outcome != MatchOutcome.Match)
            {
                return outcome;
            }
        }

        return MatchOutcome.Match;
    }
}

/// <summary>IpAddress: a request address inside a CIDR block (or equal to a single address), IPv4 or IPv6.</summary>
internal static class IpRange
{
    public static MatchOutcome Contains(string policy, string value)
    {
        if (!IPAddress.TryParse(value, out var address) || value.Contains('/', StringComparison.Ordinal))
        {
            return MatchOutcome.Unresolvable;
        }

        var slash = policy.IndexOf('/', StringComparison.Ordinal);
        var networkText = slash < 0 ? policy : policy[..slash];
        if (!IPAddress.TryParse(networkText, out var network))
        {
            return MatchOutcome.Unresolvable;
        }

        var bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(policy[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return MatchOutcome.Unresolvable;
        }

        if (address.AddressFamily != network.AddressFamily)
        {
            return MatchOutcome.NoMatch;
        }

        var addressBytes = address.GetAddressBytes();
        var networkBytes = network.GetAddressBytes();
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((addressBytes[bit / 8] & mask) != (networkBytes[bit / 8] & mask))
            {
                return MatchOutcome.NoMatch;
            }
        }

        return MatchOutcome.Match;
    }
}
