namespace Fargo.Config;

/// <summary>A command that works on one service was given a fargo.toml of several without saying which one.</summary>
public sealed class SeveralServicesException : Exception
{
    public SeveralServicesException(IReadOnlyList<string> services, string sourcePath)
        : base($"{sourcePath} declares several services ({string.Join(", ", services)}); this command works on one.")
    {
        Services = services;
    }

    public SeveralServicesException()
        : this([], "")
    {
    }

    public SeveralServicesException(string message)
        : base(message)
    {
        Services = [];
    }

    public SeveralServicesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Services = [];
    }

    public IReadOnlyList<string> Services { get; }

    public string Hint => Services.Count > 0 ? $"name one with --service, e.g. --service {Services[0]}" : "name one with --service";
}
