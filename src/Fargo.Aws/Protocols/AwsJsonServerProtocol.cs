using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fargo.Aws.Protocols;

/// <summary>An incoming JSON 1.1 call: which service and operation, and the body.</summary>
public sealed record AwsJsonServerRequest(AwsServiceDescription Service, string Operation, ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Reads the body as <typeparamref name="T"/>; malformed JSON gives the SerializationException AWS answers with.
    /// An empty body reads as "{}".
    /// </summary>
    public AwsServerParseResult<T> ReadBody<T>(JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            ReadOnlySpan<byte> json = Body.IsEmpty ? "{}"u8 : Body.Span;
            return JsonSerializer.Deserialize(json, type) is { } value
                ? AwsServerParseResult.Success<T>(value)
                : AwsServerParseResult.Failure<T>(AwsJsonServerProtocol.SerializationError("The request body must be a JSON object."));
        }
        catch (JsonException malformed)
        {
            return AwsServerParseResult.Failure<T>(AwsJsonServerProtocol.SerializationError(malformed.Message));
        }
    }
}

/// <summary>
/// The server side of awsJson1_1: reads X-Amz-Target into service and operation, and writes responses in
/// AWS's shape — 200 with the JSON body, or the error status with <c>{"__type":"Code","message":"…"}</c>,
/// always with Content-Type application/x-amz-json-1.1 and an x-amzn-RequestId header.
/// </summary>
public static class AwsJsonServerProtocol
{
    public const string ContentType = AwsJsonProtocolClient.ContentType;

    /// <summary>Reads an incoming request; services default to <see cref="AwsServices.All"/>.</summary>
    public static AwsServerParseResult<AwsJsonServerRequest> ParseRequest(AwsWireRequest request, IEnumerable<AwsServiceDescription>? services = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.GetHeader("X-Amz-Target");
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(target))
        {
            return AwsServerParseResult.Failure<AwsJsonServerRequest>(UnknownOperation(target ?? ""));
        }
        var dot = target.LastIndexOf('.');
        var prefix = dot < 0 ? "" : target[..dot];
        var operation = dot < 0 ? target : target[(dot + 1)..];
        var service = (services ?? AwsServices.All).FirstOrDefault(s => s.Protocol == AwsProtocol.Json11 && s.JsonTargetPrefix == prefix);
        return service is null || operation.Length == 0
            ? AwsServerParseResult.Failure<AwsJsonServerRequest>(UnknownOperation(target))
            : AwsServerParseResult.Success<AwsJsonServerRequest>(new AwsJsonServerRequest(service, operation, request.Body));
    }

    public static AwsWireResponse Success<T>(T response, JsonTypeInfo<T> type, string requestId) =>
        Success(JsonSerializer.SerializeToUtf8Bytes(response, type), requestId);

    /// <summary>A 200 response with an already serialized body ("{}" when empty).</summary>
    public static AwsWireResponse Success(ReadOnlyMemory<byte> json, string requestId) =>
        new(200, Headers(requestId), json.IsEmpty ? "{}"u8.ToArray() : json);

    public static AwsWireResponse Error(AwsServerError error, string requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Code);
            if (error.Message is not null)
            {
                writer.WriteString("message", error.Message);
            }
            writer.WriteEndObject();
        }
        return new AwsWireResponse(error.HttpStatus, Headers(requestId), buffer.ToArray());
    }

    /// <summary>What AWS answers for a target it does not know.</summary>
    public static AwsServerError UnknownOperation(string target) =>
        new("com.amazon.coral.service#UnknownOperationException", target.Length == 0 ? null : $"Unknown operation {target}", 400);

    /// <summary>What AWS answers for a body that is not the JSON it expects.</summary>
    public static AwsServerError SerializationError(string message) =>
        new("com.amazon.coral.service#SerializationException", message, 400);

    /// <summary>What AWS answers when a request breaks the model's constraints.</summary>
    public static AwsServerError ValidationError(string message) => new("ValidationException", message, 400);

    private static List<KeyValuePair<string, string>> Headers(string requestId) =>
        [new("Content-Type", ContentType), new("x-amzn-RequestId", requestId)];
}
