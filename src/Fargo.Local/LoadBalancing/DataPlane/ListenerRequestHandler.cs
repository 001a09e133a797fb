using System.Globalization;
using System.Text;
using Fargo.Local.LoadBalancing.Routing;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>What a listener does with each request: find the rule, then forward, redirect or answer.</summary>
internal sealed class ListenerRequestHandler(Func<RouteTable> routes, HttpForwarder forwarder)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (HttpMethods.IsTrace(context.Request.Method))
        {
            await ElbErrorPages.WriteAsync(context, 405).ConfigureAwait(false);
            return;
        }

        var table = routes();
        switch (table.Route(context))
        {
            case ForwardRoute forward:
                var group = forward.ChooseGroup();
                var target = group?.Pick();
                if (group is null || target is null)
                {
                    await ElbErrorPages.WriteAsync(context, 503).ConfigureAwait(false);
                    return;
                }

                try
                {
                    await forwarder.ForwardAsync(context, group.Settings, target, table.Settings).ConfigureAwait(false);
                }
                finally
                {
                    target.EndRequest();
                }

                break;
            case RedirectRoute redirect:
                await RedirectAsync(context, redirect, table.Settings).ConfigureAwait(false);
                break;
            case FixedResponseRoute fixedResponse:
                await FixedResponseAsync(context, fixedResponse).ConfigureAwait(false);
                break;
        }
    }

    private static async Task RedirectAsync(HttpContext context, RedirectRoute redirect, ListenerSettings listener)
    {
        var config = redirect.Config;
        var request = context.Request;
        var listenerProtocol = listener.Https ? "HTTPS" : "HTTP";
        var path = (request.Path.Value ?? "/").TrimStart('/');
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string Fill(string template) => template
            .Replace("#{protocol}", listenerProtocol, StringComparison.Ordinal)
            .Replace("#{host}", request.Host.Host, StringComparison.Ordinal)
            .Replace("#{port}", listener.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("#{path}", path, StringComparison.Ordinal)
            .Replace("#{query}", query, StringComparison.Ordinal);

        var protocol = Fill(config.Protocol ?? "#{protocol}").ToLowerInvariant();
        var port = Fill(config.Port ?? "#{port}");
        var defaultPort = protocol == "https" ? "443" : "80";
        var location = new StringBuilder()
            .Append(protocol).Append("://").Append(Fill(config.Host ?? "#{host}"))
            .Append(port == defaultPort ? "" : ":" + port)
            .Append(Fill(config.Path ?? "/#{path}"));
        var filledQuery = Fill(config.Query ?? "#{query}");
        if (filledQuery.Length > 0)
        {
            location.Append('?').Append(filledQuery);
        }

        var permanent = config.StatusCode.Value == "HTTP_301";
        var title = permanent ? "301 Moved Permanently" : "302 Found";
        var body = Encoding.ASCII.GetBytes($"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n");
        var response = context.Response;
        response.StatusCode = permanent ? 301 : 302;
        response.Headers.Location = location.ToString();
        response.Headers.Server = "awselb/2.0";
        response.ContentType = "text/html";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task FixedResponseAsync(HttpContext context, FixedResponseRoute fixedResponse)
    {
        var body = Encoding.UTF8.GetBytes(fixedResponse.Body ?? "");
        var response = context.Response;
        response.StatusCode = fixedResponse.StatusCode;
        response.Headers.Server = "awselb/2.0";
        if (fixedResponse.ContentType is { } type)
        {
            response.ContentType = type + "; charset=utf-8";
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
