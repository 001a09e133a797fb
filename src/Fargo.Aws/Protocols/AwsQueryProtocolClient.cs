using System.Text;
using System.Xml;
using System.Xml.Linq;
using Fargo.Aws.Http;

namespace Fargo.Aws.Protocols;

/// <summary>
/// The client side of awsQuery: POST / with a form body "Action=…&amp;Version=…&amp;params" (Content-Type
/// application/x-www-form-urlencoded; charset=utf-8); the answer is XML
/// <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;…&lt;/…&gt;&lt;ResponseMetadata&gt;…</c>.
/// </summary>
public sealed class AwsQueryProtocolClient(AwsHttpClient http)
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public AwsHttpClient Http { get; } = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>
    /// Calls <paramref name="action"/> and returns its <c>&lt;{Action}Result&gt;</c> element (an empty one for actions
    /// without output). Elements are in the service's XML namespace; <see cref="AwsQueryXml"/> reads them by local name.
    /// </summary>
    public async Task<XElement> InvokeAsync(
        AwsServiceDescription service, string action, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(parameters);
        if (service.Protocol != AwsProtocol.Query)
        {
            throw new ArgumentException($"{service.ServiceId} speaks {service.Protocol}, not Query.", nameof(service));
        }

        List<KeyValuePair<string, string>> form = [new("Action", action), new("Version", service.ApiVersion), .. parameters];
        var response = await Http.SendAsync(
            service,
            action,
            new AwsHttpRequest(HttpMethod.Post, "/", "", [], Encoding.UTF8.GetBytes(AwsQueryForm.Encode(form)), ContentType),
            cancellationToken).ConfigureAwait(false);

        XElement root;
        try
        {
            using var stream = new MemoryStream(response.Body);
            root = XElement.Load(stream);
        }
        catch (XmlException malformed)
        {
            throw new AwsProtocolException(service.ServiceId, action, $"the response is not XML: {malformed.Message}", malformed);
        }
        if (root.Name.LocalName != action + "Response")
        {
            throw new AwsProtocolException(service.ServiceId, action, $"expected <{action}Response>, got <{root.Name.LocalName}>.");
        }
        return root.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
            ?? new XElement(root.Name.Namespace + (action + "Result"));
    }
}
