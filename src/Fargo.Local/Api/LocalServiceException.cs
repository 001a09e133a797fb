namespace Fargo.Local.Api;

/// <summary>
/// An error the local region answers with, in AWS's terms: the error code a client sees (e.g.
/// "ClusterNotFoundException") and AWS's message. Client errors are HTTP 400, as on AWS.
/// </summary>
public sealed class LocalServiceException : Exception
{
    public LocalServiceException(string code, string message, int httpStatus = 400)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    public LocalServiceException()
        : this("ServerException", "Internal error.", 500)
    {
    }

    public LocalServiceException(string message)
        : this("ServerException", message, 500)
    {
    }

    public LocalServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "ServerException";
        HttpStatus = 500;
    }

    public string Code { get; }

    public int HttpStatus { get; }
}
