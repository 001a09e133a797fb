using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.S3;

/// <summary>
/// An S3 answer: status, headers, and an XML document or a body writer. S3's API writes it, and so does a CloudFront
/// distribution for what its S3 origin answered.
/// </summary>
internal sealed record S3Response(
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    XElement? Xml = null,
    Func<Stream, CancellationToken, Task>? Body = null,
    long? Length = null,
    bool IsError = false)
{
    /// <summary>S3's XML error document for <paramref name="error"/> (HEAD answers carry no body).</summary>
    public static S3Response ForError(S3Exception error, string method)
    {
        ArgumentNullException.ThrowIfNull(error);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in new[] { "x-amz-delete-marker", "x-amz-version-id" })
        {
            if (error.Data[name] is string value)
            {
                headers.Add(new(name, value));
            }
        }

        if (method == "HEAD")
        {
            return new S3Response(error.Status, headers);
        }

        var xml = new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message));
        foreach (var (name, value) in error.Details)
        {
            xml.Add(new XElement(name, value));
        }

        return new S3Response(error.Status, headers, xml, IsError: true);
    }

    public async Task WriteAsync(HttpContext context, string requestId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = this;
        var http = context.Response;
        http.StatusCode = response.Status;
        http.Headers["x-amz-request-id"] = requestId;
        http.Headers["x-amz-id-2"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(requestId));
        foreach (var (name, value) in response.Headers)
        {
            http.Headers.Append(name, value);
        }

        if (response.Xml is { } xml)
        {
            if (response.IsError)
            {
                xml.Add(new XElement("RequestId", requestId), new XElement("HostId", http.Headers["x-amz-id-2"].ToString()));
            }

            var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.ToString(SaveOptions.DisableFormatting));
            http.ContentType = "application/xml";
            http.ContentLength = bytes.Length;
            await http.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (response.Body is { } body)
        {
            http.ContentLength = response.Length;
            if (context.Request.Method != "HEAD")
            {
                await body(http.Body, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        if (response.Length is { } length)
        {
            http.ContentLength = length;
        }
        else if (context.Request.Method != "HEAD")
        {
            http.ContentLength = 0;
        }
    }
}
