namespace Fargo.Aws;

/// <summary>
/// An error as a service answers it: the code (e.g. "ClusterNotFoundException", "ValidationError"), the message
/// (AWS omits it for some errors), the HTTP status, and whose fault it is. The server-side protocol writers turn
/// this into the exact JSON or XML shape AWS uses.
/// </summary>
public sealed record AwsServerError(string Code, string? Message, int HttpStatus = 400, AwsErrorFault Fault = AwsErrorFault.Sender);
