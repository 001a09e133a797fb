using System.Globalization;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.TargetGroups;

namespace Fargo.Local.LoadBalancing.Routing;

/// <summary>
/// Checks the actions of a listener or rule as ALB does, fills in what AWS fills in when it describes them
/// (a forward's ForwardConfig with weight 1 and stickiness off, a redirect's "#{…}" defaults, Order), and
/// compiles them for the data plane.
/// </summary>
internal static class ListenerActions
{
    private static readonly string[] FixedResponseContentTypes = ["text/plain", "text/css", "text/html", "application/javascript", "application/json"];

    public static List<ListenerAction> Normalize(IReadOnlyList<ListenerAction>? actions, Func<string, TargetGroupRuntime?> findGroup, string member)
    {
        if (actions is not { Count: > 0 })
        {
            throw ElbErrors.MissingMember(member);
        }

        var result = new List<ListenerAction>();
        var index = 0;
        foreach (var action in actions.OrderBy(a => a.Order ?? int.MaxValue))
        {
            index++;
            result.Add(action.Type.Value switch
            {
                "forward" => NormalizeForward(action, findGroup) with { Order = action.Order ?? index },
                "redirect" => NormalizeRedirect(action) with { Order = action.Order ?? index },
                "fixed-response" => NormalizeFixedResponse(action) with { Order = action.Order ?? index },
                "authenticate-oidc" or "authenticate-cognito" =>
                    throw ElbErrors.Validation($"The local region does not run '{action.Type}' actions (it has no identity provider); use forward, redirect or fixed-response"),
                var other => throw ElbErrors.Validation($"1 validation error detected: Value '{other}' at '{member}.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, authenticate-oidc, authenticate-cognito, redirect, fixed-response]"),
            });
        }

        if (result.Count != 1)
        {
            throw ElbErrors.Validation("The local region runs exactly one forward, redirect or fixed-response action per listener or rule");
        }

        return result;
    }

    /// <summary>The data plane's form of a normalized action.</summary>
    public static RouteAction Compile(ListenerAction action, Func<string, TargetGroupRuntime?> findGroup) => action.Type.Value switch
    {
        "forward" => new ForwardRoute(action.ForwardConfig!.TargetGroups!
            .Select(t => new WeightedTargetGroup(findGroup(t.TargetGroupArn!) ?? throw ElbErrors.TargetGroupNotFound(), t.Weight ?? 1))
            .ToList()),
        "redirect" => new RedirectRoute(action.RedirectConfig!),
        "fixed-response" => new FixedResponseRoute(
            int.Parse(action.FixedResponseConfig!.StatusCode, CultureInfo.InvariantCulture),
            action.FixedResponseConfig.ContentType,
            action.FixedResponseConfig.MessageBody),
        _ => throw new InvalidOperationException($"action type {action.Type} was not normalized away"),
    };

    /// <summary>The target group ARNs an action forwards to.</summary>
    public static IEnumerable<string> TargetGroupsOf(ListenerAction action) =>
        action.ForwardConfig?.TargetGroups?.Select(t => t.TargetGroupArn!) ?? (action.TargetGroupArn is null ? [] : [action.TargetGroupArn]);

    private static ListenerAction NormalizeForward(ListenerAction action, Func<string, TargetGroupRuntime?> findGroup)
    {
        var tuples = action.ForwardConfig?.TargetGroups;
        if (tuples is not { Count: > 0 })
        {
            if (string.IsNullOrEmpty(action.TargetGroupArn))
            {
                throw ElbErrors.Validation("A target group ARN must be specified");
            }

            tuples = [new TargetGroupTuple { TargetGroupArn = action.TargetGroupArn, Weight = 1 }];
        }
        else if (action.TargetGroupArn is not null && (tuples.Count != 1 || tuples[0].TargetGroupArn != action.TargetGroupArn))
        {
            throw ElbErrors.Validation("You cannot specify both a target group ARN and a forward config with different target groups");
        }

        if (tuples.Count > 5)
        {
            throw ElbErrors.Validation("A forward action can have at most 5 target groups");
        }

        var normalized = new List<TargetGroupTuple>();
        foreach (var tuple in tuples)
        {
            if (string.IsNullOrEmpty(tuple.TargetGroupArn) || findGroup(tuple.TargetGroupArn) is null)
            {
                throw ElbErrors.TargetGroupNotFound();
            }

            if (tuple.Weight is < 0 or > 999)
            {
                throw ElbErrors.OutOfRange("targetGroupWeight", tuple.Weight.Value, 0, 999);
            }

            if (normalized.Exists(t => t.TargetGroupArn == tuple.TargetGroupArn))
            {
                throw ElbErrors.Validation($"Target group '{tuple.TargetGroupArn}' is specified more than once");
            }

            normalized.Add(new TargetGroupTuple { TargetGroupArn = tuple.TargetGroupArn, Weight = tuple.Weight ?? 1 });
        }

        return new ListenerAction
        {
            Type = ActionType.Forward,
            TargetGroupArn = normalized.Count == 1 ? normalized[0].TargetGroupArn : null,
            ForwardConfig = new ForwardActionConfig
            {
                TargetGroups = normalized,
                TargetGroupStickinessConfig = action.ForwardConfig?.TargetGroupStickinessConfig ?? new TargetGroupStickinessConfig { Enabled = false },
            },
        };
    }

    private static ListenerAction NormalizeRedirect(ListenerAction action)
    {
        var config = action.RedirectConfig ?? throw ElbErrors.Validation("A redirect config must be specified for a redirect action");
        if (config.StatusCode.Value is not ("HTTP_301" or "HTTP_302"))
        {
            throw ElbErrors.Validation($"1 validation error detected: Value '{config.StatusCode}' at 'redirectConfig.statusCode' failed to satisfy constraint: Member must satisfy enum value set: [HTTP_301, HTTP_302]");
        }

        var protocol = config.Protocol ?? "#{protocol}";
        if (protocol is not ("HTTP" or "HTTPS" or "#{protocol}"))
        {
            throw ElbErrors.Validation($"The redirect protocol '{protocol}' is not valid; use HTTP, HTTPS or #{{protocol}}");
        }

        var path = config.Path ?? "/#{path}";
        if (!path.StartsWith('/'))
        {
            throw ElbErrors.Validation("The redirect path must start with '/'");
        }

        return new ListenerAction
        {
            Type = ActionType.Redirect,
            RedirectConfig = config with
            {
                Protocol = protocol,
                Port = config.Port ?? "#{port}",
                Host = config.Host ?? "#{host}",
                Path = path,
                Query = config.Query ?? "#{query}",
            },
        };
    }

    private static ListenerAction NormalizeFixedResponse(ListenerAction action)
    {
        var config = action.FixedResponseConfig ?? throw ElbErrors.Validation("A fixed response config must be specified for a fixed-response action");
        var code = config.StatusCode;
        if (code.Length != 3 || code[0] is not ('2' or '4' or '5') || !char.IsAsciiDigit(code[1]) || !char.IsAsciiDigit(code[2]))
        {
            throw ElbErrors.Validation($"1 validation error detected: Value '{code}' at 'fixedResponseConfig.statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$");
        }

        if (config.ContentType is { } type && Array.IndexOf(FixedResponseContentTypes, type) < 0)
        {
            throw ElbErrors.Validation($"The content type '{type}' is not valid; valid content types are: {string.Join(", ", FixedResponseContentTypes)}");
        }

        if (config.MessageBody is { Length: > 1024 })
        {
            throw ElbErrors.Validation("1 validation error detected: Value at 'fixedResponseConfig.messageBody' failed to satisfy constraint: Member must have length less than or equal to 1024");
        }

        return new ListenerAction { Type = ActionType.FixedResponse, FixedResponseConfig = config };
    }
}
