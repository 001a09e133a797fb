namespace Fargo.Aws.Protocols;

/// <summary>Either a parsed request or the error to answer with.</summary>
public sealed record AwsServerParseResult<T>(T? Request, AwsServerError? Error)
    where T : class
{
    public bool IsSuccess => Error is null;
}

public static class AwsServerParseResult
{
    public static AwsServerParseResult<T> Success<T>(T request)
        where T : class => new(request, null);

    public static AwsServerParseResult<T> Failure<T>(AwsServerError error)
        where T : class => new(null, error);
}

/// <summary>Tells the two protocols apart on an incoming request, for a server that serves both on one port.</summary>
public static class AwsServerProtocol
{
    /// <summary>
    /// JSON 1.1 when the request names an X-Amz-Target or has a JSON content type; Query otherwise
    /// (a form body, or parameters in the query string).
    /// </summary>
    public static AwsProtocol Detect(AwsWireRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.GetHeader("Content-Type") ?? "";
        return request.GetHeader("X-Amz-Target") is not null || contentType.StartsWith("application/x-amz-json", StringComparison.OrdinalIgnoreCase)
            ? AwsProtocol.Json11
            : AwsProtocol.Query;
    }

    /// <summary>A new request id in AWS's format (a UUID).</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString();
}
