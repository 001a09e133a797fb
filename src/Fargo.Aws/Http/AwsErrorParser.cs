using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Fargo.Aws.Http;

/// <summary>
/// Turns an AWS error response into an <see cref="AwsServiceException"/>. JSON: the code from the
/// <c>x-amzn-ErrorType</c> header or the body's <c>__type</c> (a "namespace#" prefix and a ":url" suffix are
/// removed), the message from <c>message</c> or <c>Message</c>. Query: <c>&lt;ErrorResponse&gt;&lt;Error&gt;</c>
/// with Type, Code and Message. A body that is neither (a proxy's HTML page) still gives a typed error.
/// </summary>
public static class AwsErrorParser
{
    public static AwsServiceException Parse(
        AwsServiceDescription service, string operation, int httpStatus, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(headers);
        var requestId = AwsHeaders.Get(headers, "x-amzn-RequestId") ?? AwsHeaders.Get(headers, "x-amz-request-id");
        var parsed = LooksLikeXml(body) ? ParseXml(body) : ParseJson(body, AwsHeaders.Get(headers, "x-amzn-ErrorType"));
        var code = parsed?.Code ?? FallbackCode(httpStatus);
        var message = parsed?.Message ?? FallbackMessage(httpStatus, body);
        var fault = parsed?.Fault ?? (httpStatus >= 500 ? AwsErrorFault.Receiver : AwsErrorFault.Sender);
        return new AwsServiceException(service.ServiceId, operation, code, message, parsed?.RequestId ?? requestId, httpStatus, fault);
    }

    /// <summary>Removes a Coral namespace ("com.amazon.coral.service#X") and a trailing ":http://…" from an error type.</summary>
    public static string NormalizeCode(string rawType)
    {
        ArgumentNullException.ThrowIfNull(rawType);
        var code = rawType;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }
        return code.Trim();
    }

    private sealed record ParsedError(string? Code, string? Message, string? RequestId, AwsErrorFault? Fault);

    private static ParsedError? ParseJson(ReadOnlySpan<byte> body, string? errorTypeHeader)
    {
        string? code = string.IsNullOrWhiteSpace(errorTypeHeader) ? null : NormalizeCode(errorTypeHeader);
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            continue;
                        }
                        if (code is null && (property.NameEquals("__type") || property.NameEquals("code")))
                        {
                            code = NormalizeCode(property.Value.GetString()!);
                        }
                        else if (message is null && (property.NameEquals("message") || property.NameEquals("Message") || property.NameEquals("errorMessage")))
                        {
                            message = property.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page from a proxy, say): the header, if any, still names the error.
            }
        }
        return code is null && message is null ? null : new ParsedError(code, message, null, null);
    }

    private static ParsedError? ParseXml(ReadOnlySpan<byte> body)
    {
        XElement root;
        try
        {
            using var stream = new MemoryStream(body.ToArray());
            root = XElement.Load(stream);
        }
        catch (XmlException)
        {
            return null;
        }
        var error = root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error" && Child(e, "Code") is not null);
        if (error is null)
        {
            return null;
        }
        var requestId = root.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
        var fault = Child(error, "Type")?.Value switch
        {
            "Sender" => AwsErrorFault.Sender,
            "Receiver" => AwsErrorFault.Receiver,
            _ => (AwsErrorFault?)null,
        };
        return new ParsedError(Child(error, "Code")?.Value.Trim(), Child(error, "Message")?.Value, requestId, fault);
    }

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static bool LooksLikeXml(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            trimmed = trimmed[3..];
        }
        return trimmed.StartsWith("<"u8);
    }

    private static string FallbackCode(int httpStatus) => httpStatus switch
    {
        429 => "TooManyRequestsException",
        >= 500 => "InternalFailure",
        _ => $"Http{httpStatus}",
    };

    private static string FallbackMessage(int httpStatus, ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).Trim();
        return text.Length == 0 ? $"HTTP {httpStatus} with no error details." : $"HTTP {httpStatus}: {text}";
    }
}
