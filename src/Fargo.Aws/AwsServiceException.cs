namespace Fargo.Aws;

/// <summary>
/// An error response from an AWS service, whatever its protocol: JSON 1.1 (<c>__type</c> /
/// <c>x-amzn-ErrorType</c>, <c>message</c>) or Query (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>).
/// <see cref="Exception.Message"/> is the service's own message, as the AWS SDKs present it.
/// </summary>
public sealed class AwsServiceException : AwsException
{
    public AwsServiceException(
        string service,
        string operation,
        string code,
        string message,
        string? requestId,
        int httpStatus,
        AwsErrorFault fault = AwsErrorFault.Unknown)
        : base(message)
    {
        Service = service;
        Operation = operation;
        Code = code;
        RequestId = requestId;
        HttpStatus = httpStatus;
        Fault = fault;
    }

    /// <summary>The service's id as AWS's model names it, e.g. "ECS", "Elastic Load Balancing v2".</summary>
    public string Service { get; }

    /// <summary>The operation (JSON) or action (Query) that failed.</summary>
    public string Operation { get; }

    /// <summary>AWS's error code with any namespace prefix removed, e.g. "ClusterNotFoundException".</summary>
    public string Code { get; }

    public string? RequestId { get; }

    public int HttpStatus { get; }

    /// <summary>Whose fault AWS says it is (Query errors carry it as &lt;Type&gt;; JSON ones imply it by status).</summary>
    public AwsErrorFault Fault { get; }

    public override string ToString() =>
        $"{Service} {Operation} failed with {Code} (HTTP {HttpStatus}{(RequestId is null ? "" : $", request id {RequestId}")}): {Message}";
}

public enum AwsErrorFault
{
    Unknown,
    Sender,
    Receiver,
}

/// <summary>
/// AWS could not be reached, or did not answer in time, even after retries: connection refused, DNS failure,
/// TLS failure, a timeout. Says which service and endpoint so the user can tell a wrong endpoint from an outage.
/// </summary>
public sealed class AwsTransportException : AwsException
{
    public AwsTransportException(string service, string operation, Uri endpoint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Service = service;
        Operation = operation;
        Endpoint = endpoint;
    }

    public string Service { get; }

    public string Operation { get; }

    public Uri Endpoint { get; }
}
