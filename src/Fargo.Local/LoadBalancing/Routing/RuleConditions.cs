using System.Net;
using Fargo.Local.LoadBalancing.Wire;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.LoadBalancing.Routing;

/// <summary>One compiled rule condition: does a request match it.</summary>
internal interface IRuleCondition
{
    bool Matches(HttpContext context);
}

/// <summary>
/// Validates and compiles ALB's rule conditions: path-pattern (case-sensitive, on the path without the
/// query), host-header (case-insensitive, without the port), http-header, http-request-method,
/// query-string and source-ip. Values may be given as Values or in the field's config, as in the API.
/// </summary>
internal static class RuleConditions
{
    public static IRuleCondition Compile(RuleCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        switch (condition.Field)
        {
            case "path-pattern":
                return new AnyOf(Values(condition, condition.PathPatternConfig?.Values).Select(v => new WildcardPattern(v, ignoreCase: false)).ToList(),
                    (pattern, context) => pattern.IsMatch(context.Request.Path.Value ?? "/"));
            case "host-header":
                return new AnyOf(Values(condition, condition.HostHeaderConfig?.Values).Select(v => new WildcardPattern(v, ignoreCase: true)).ToList(),
                    (pattern, context) => pattern.IsMatch(context.Request.Host.Host));
            case "http-request-method":
                var methods = Values(condition, condition.HttpRequestMethodConfig?.Values);
                return new AnyOf(methods.Select(m => new WildcardPattern(m, ignoreCase: false)).ToList(),
                    (pattern, context) => pattern.Pattern == context.Request.Method);
            case "http-header":
                var header = condition.HttpHeaderConfig?.HttpHeaderName;
                if (string.IsNullOrEmpty(header))
                {
                    throw ElbErrors.Validation("An HTTP header name must be specified for condition 'http-header'");
                }

                return new AnyOf(Values(condition, condition.HttpHeaderConfig?.Values).Select(v => new WildcardPattern(v, ignoreCase: true)).ToList(),
                    (pattern, context) => context.Request.Headers[header].Any(value => pattern.IsMatch(value)));
            case "query-string":
                var pairs = condition.QueryStringConfig?.Values;
                if (pairs is not { Count: > 0 })
                {
                    throw ElbErrors.Validation("At least one value must be specified for condition 'query-string'");
                }

                return new QueryStringCondition(pairs.Select(p => (p.Key is null ? null : new WildcardPattern(p.Key, ignoreCase: true), new WildcardPattern(p.Value ?? "", ignoreCase: true))).ToList());
            case "source-ip":
                var networks = new List<IPNetwork>();
                foreach (var cidr in Values(condition, condition.SourceIpConfig?.Values))
                {
                    if (!IPNetwork.TryParse(cidr, out var network))
                    {
                        throw ElbErrors.Validation($"The source IP '{cidr}' is not a valid CIDR block");
                    }

                    networks.Add(network);
                }

                return new SourceIpCondition(networks);
            case null or "":
                throw ElbErrors.Validation("A condition field must be specified");
            default:
                throw ElbErrors.Validation($"Condition field '{condition.Field}' is not valid; valid fields are: http-header, http-request-method, host-header, path-pattern, query-string, source-ip");
        }
    }

    private static IReadOnlyList<string> Values(RuleCondition condition, IReadOnlyList<string>? configValues)
    {
        if (condition.Values is { Count: > 0 } && configValues is { Count: > 0 })
        {
            throw ElbErrors.Validation($"You cannot specify both 'Values' and the config of condition '{condition.Field}'");
        }

        var values = configValues is { Count: > 0 } ? configValues : condition.Values;
        if (values is not { Count: > 0 })
        {
            throw ElbErrors.Validation($"At least one value must be specified for condition '{condition.Field}'");
        }

        return values;
    }

    private sealed class AnyOf(List<WildcardPattern> patterns, Func<WildcardPattern, HttpContext, bool> test) : IRuleCondition
    {
        public bool Matches(HttpContext context) => patterns.Exists(p => test(p, context));
    }

    private sealed class QueryStringCondition(List<(WildcardPattern? Key, WildcardPattern Value)> pairs) : IRuleCondition
    {
        public bool Matches(HttpContext context)
        {
            var query = context.Request.Query;
            return pairs.Exists(pair => query.Any(parameter =>
                (pair.Key is null || pair.Key.IsMatch(parameter.Key)) && parameter.Value.Any(value => pair.Value.IsMatch(value))));
        }
    }

    private sealed class SourceIpCondition(List<IPNetwork> networks) : IRuleCondition
    {
        public bool Matches(HttpContext context) =>
            context.Connection.RemoteIpAddress is { } address && networks.Exists(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
    }
}
