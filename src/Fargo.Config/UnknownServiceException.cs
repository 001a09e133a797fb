namespace Fargo.Config;

/// <summary>A service was asked for (e.g. with --service) that the app's fargo.toml does not declare.</summary>
public sealed class UnknownServiceException : Exception
{
    public UnknownServiceException(string service, IReadOnlyList<string> knownServices, string sourcePath)
        : base($"{sourcePath} has no service \"{service}\"; its services are: {string.Join(", ", knownServices)}.")
    {
        Service = service;
        KnownServices = knownServices;
        Hint = Validation.Suggestions.Closest(service, knownServices) is { } close ? $"did you mean \"{close}\"?" : null;
    }

    public UnknownServiceException()
        : this("", [], "")
    {
    }

    public UnknownServiceException(string message)
        : base(message)
    {
        Service = "";
        KnownServices = [];
    }

    public UnknownServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Service = "";
        KnownServices = [];
    }

    public string Service { get; }

    public IReadOnlyList<string> KnownServices { get; }

    /// <summary>A did-you-mean, when a known name is close to the one asked for.</summary>
    public string? Hint { get; }
}
