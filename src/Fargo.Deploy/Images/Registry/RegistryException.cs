using System.Net;

namespace Fargo.Deploy.Images.Registry;

/// <summary>A registry answered with an error (the Registry API's {"errors":[{"code","message"}]}, or only a status).</summary>
public sealed class RegistryException : DeployException
{
    public RegistryException(HttpStatusCode status, string? code, string message, string? hint = null)
        : base(message, hint)
    {
        Status = status;
        Code = code;
    }

    public RegistryException()
    {
    }

    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }

    /// <summary>The Registry API's error code (NAME_UNKNOWN, BLOB_UNKNOWN, DENIED, …), when the registry gave one.</summary>
    public string? Code { get; }
}
