using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.CloudFront;

/// <summary>The answers CloudFront itself gives (not its origin), in its words and HTML shape.</summary>
internal static class CloudFrontErrorPages
{
    /// <summary>A method the cache behavior does not allow (Fargo's reports allow GET and HEAD): 403.</summary>
    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        const string message = "This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.";
        var page = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n"
            + "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n"
            + "<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n"
            + $"<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\n{message}\n<BR clear=\"all\">\n</BODY></HTML>";
        var bytes = Encoding.UTF8.GetBytes(page);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers["X-Cache"] = "Error from cloudfront";
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
