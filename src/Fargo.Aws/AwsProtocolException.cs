namespace Fargo.Aws;

/// <summary>
/// A response Fargo.Aws could not read (malformed JSON or XML, a missing result element). This is a defect
/// on one side of the wire, not something the user did; it names the service and operation to find it.
/// </summary>
public sealed class AwsProtocolException(string service, string operation, string message, Exception? innerException = null)
    : AwsException($"{service} {operation}: {message}", innerException)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;
}
