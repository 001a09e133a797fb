using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// The responses the load balancer itself gives, as an ALB gives them: <c>Server: awselb/2.0</c>, text/html,
/// and the same small page (the 503 one is exactly ALB's 162 bytes).
/// </summary>
internal static class ElbErrorPages
{
    public static async Task WriteAsync(HttpContext context, int statusCode)
    {
        var title = statusCode switch
        {
            400 => "400 Bad Request",
            405 => "405 Method Not Allowed",
            500 => "500 Internal Server Error",
            502 => "502 Bad Gateway",
            503 => "503 Service Temporarily Unavailable",
            504 => "504 Gateway Time-out",
            _ => throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "not a status the load balancer answers itself"),
        };
        var body = Encoding.ASCII.GetBytes($"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n");
        var response = context.Response;
        response.Clear();
        response.StatusCode = statusCode;
        response.Headers.Server = "awselb/2.0";
        response.ContentType = "text/html";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
