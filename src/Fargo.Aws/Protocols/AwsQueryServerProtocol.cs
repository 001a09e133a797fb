using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Fargo.Aws.Protocols;

/// <summary>An incoming Query call: the action, the version the client asked for, and the other parameters.</summary>
public sealed record AwsQueryServerRequest(string Action, string? Version, AwsQueryParameters Parameters);

/// <summary>
/// The server side of awsQuery: reads the form body (or query string) into parameters, and writes AWS's XML —
/// <c>&lt;{Action}Response xmlns=…&gt;&lt;{Action}Result&gt;…&lt;/{Action}Result&gt;&lt;ResponseMetadata&gt;&lt;RequestId&gt;…</c>
/// on success and <c>&lt;ErrorResponse xmlns=…&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>
/// on error, with Content-Type text/xml and an x-amzn-RequestId header.
/// </summary>
public static class AwsQueryServerProtocol
{
    public const string ResponseContentType = "text/xml";

    /// <summary>Reads the parameters of a POST form body and of the query string (both are allowed; the body wins).</summary>
    public static AwsServerParseResult<AwsQueryServerRequest> ParseRequest(AwsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = new List<KeyValuePair<string, string>>(AwsQueryForm.Decode(request.RawQuery));
        var contentType = request.GetHeader("Content-Type") ?? "";
        if (!request.Body.IsEmpty && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            pairs.AddRange(AwsQueryForm.Decode(Encoding.UTF8.GetString(request.Body.Span)));
        }
        var parameters = new AwsQueryParameters(pairs);
        var action = parameters.Get("Action");
        return string.IsNullOrEmpty(action)
            ? AwsServerParseResult.Failure<AwsQueryServerRequest>(new AwsServerError("MissingAction", "Missing Action", 400))
            : AwsServerParseResult.Success<AwsQueryServerRequest>(new AwsQueryServerRequest(action, parameters.Get("Version"), parameters));
    }

    /// <summary>A 200 response whose &lt;{Action}Result&gt; holds <paramref name="resultMembers"/> (namespace-less elements; nulls skipped).</summary>
    public static AwsWireResponse Success(AwsServiceDescription service, string action, IEnumerable<XElement?> resultMembers, string requestId)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(resultMembers);
        var document = new XElement(action + "Response",
            new XElement(action + "Result", resultMembers.OfType<XElement>()),
            new XElement("ResponseMetadata", new XElement("RequestId", requestId)));
        return Xml(200, Namespace(service), document, requestId);
    }

    public static AwsWireResponse Error(AwsServiceDescription service, AwsServerError error, string requestId)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(error);
        var document = new XElement("ErrorResponse",
            new XElement("Error",
                new XElement("Type", error.Fault == AwsErrorFault.Receiver ? "Receiver" : "Sender"),
                new XElement("Code", error.Code),
                error.Message is null ? null : new XElement("Message", error.Message)),
            new XElement("RequestId", requestId));
        return Xml(error.HttpStatus, Namespace(service), document, requestId);
    }

    /// <summary>What AWS answers for an action it does not have.</summary>
    public static AwsServerError InvalidAction(string action, string? version) =>
        new("InvalidAction", $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}", 400);

    /// <summary>What Query services answer when a parameter breaks the model's constraints.</summary>
    public static AwsServerError ValidationError(string message) => new("ValidationError", message, 400);

    private static XNamespace Namespace(AwsServiceDescription service) =>
        service.XmlNamespace ?? throw new ArgumentException($"{service.ServiceId} has no XML namespace; it is not a Query service.", nameof(service));

    private static AwsWireResponse Xml(int status, XNamespace ns, XElement document, string requestId)
    {
        var namespaced = AwsQueryXml.WithNamespace(document, ns);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            namespaced.WriteTo(writer);
        }
        return new AwsWireResponse(status, [new("Content-Type", ResponseContentType), new("x-amzn-RequestId", requestId)], buffer.ToArray());
    }
}
