using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.Http;

namespace Fargo.Aws.Protocols;

/// <summary>
/// The client side of awsJson1_1: POST / with Content-Type application/x-amz-json-1.1 and
/// X-Amz-Target "&lt;targetPrefix&gt;.&lt;Operation&gt;", the request serialized as the body.
/// </summary>
public sealed class AwsJsonProtocolClient(AwsHttpClient http)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public AwsHttpClient Http { get; } = http ?? throw new ArgumentNullException(nameof(http));

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        AwsServiceDescription service,
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        if (service.Protocol != AwsProtocol.Json11)
        {
            throw new ArgumentException($"{service.ServiceId} speaks {service.Protocol}, not JSON 1.1.", nameof(service));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var response = await Http.SendAsync(
            service,
            operation,
            new AwsHttpRequest(HttpMethod.Post, "/", "", [new("X-Amz-Target", service.JsonTarget(operation))], body, ContentType),
            cancellationToken).ConfigureAwait(false);

        // Operations without output answer with an empty body (or "{}").
        ReadOnlySpan<byte> json = response.Body.Length == 0 ? "{}"u8 : response.Body;
        try
        {
            return JsonSerializer.Deserialize(json, responseType)
                ?? throw new AwsProtocolException(service.ServiceId, operation, "the response body was JSON null.");
        }
        catch (JsonException malformed)
        {
            throw new AwsProtocolException(service.ServiceId, operation, $"could not read the response: {malformed.Message}", malformed);
        }
    }
}
