namespace Fargo.Config;

/// <summary>An environment was asked for (e.g. with --env) that the configuration file does not define.</summary>
public sealed class UnknownEnvironmentException : Exception
{
    public UnknownEnvironmentException(string environment, IReadOnlyList<string> knownEnvironments, string sourcePath)
        : base(Describe(environment, knownEnvironments, sourcePath))
    {
        Environment = environment;
        KnownEnvironments = knownEnvironments;
        SourcePath = sourcePath;
        Hint = Validation.Suggestions.Closest(environment, knownEnvironments) is { } close ? $"did you mean \"{close}\"?" : null;
    }

    public UnknownEnvironmentException()
        : this("", [], "")
    {
    }

    public UnknownEnvironmentException(string message)
        : base(message)
    {
        Environment = "";
        KnownEnvironments = [];
        SourcePath = "";
    }

    public UnknownEnvironmentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Environment = "";
        KnownEnvironments = [];
        SourcePath = "";
    }

    /// <summary>The name that was asked for.</summary>
    public string Environment { get; }

    /// <summary>The environments the file defines (always including "local").</summary>
    public IReadOnlyList<string> KnownEnvironments { get; }

    public string SourcePath { get; }

    /// <summary>A did-you-mean, when a known name is close to the one asked for.</summary>
    public string? Hint { get; }

    private static string Describe(string environment, IReadOnlyList<string> known, string sourcePath) =>
        $"{sourcePath} has no environment \"{environment}\"; its environments are: {string.Join(", ", known)}.";
}
