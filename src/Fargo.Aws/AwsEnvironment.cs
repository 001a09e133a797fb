namespace Fargo.Aws;

/// <summary>
/// What AWS configuration is read from: environment variables and the shared config and credentials files.
/// Behind an interface so tests (and the local region) never depend on the real process environment or home folder.
/// </summary>
public interface IAwsEnvironment
{
    /// <summary>An environment variable's value; null when unset or empty.</summary>
    string? GetVariable(string name);

    /// <summary>A file's text; null when it does not exist.</summary>
    string? ReadFile(string path);

    /// <summary>The user's home folder, where ~/.aws lives.</summary>
    string HomeDirectory { get; }
}

public static class AwsEnvironment
{
    /// <summary>The real environment of this process and the real file system.</summary>
    public static IAwsEnvironment Process { get; } = new ProcessEnvironment();

    /// <summary>A fixed environment: the given variables, files read from disk, and the given home folder.</summary>
    public static IAwsEnvironment Fixed(IReadOnlyDictionary<string, string> variables, string homeDirectory) =>
        new FixedEnvironment(variables, homeDirectory);

    /// <summary>Whether a variable holds a true value ("true", case-insensitive), as AWS's tools read boolean settings.</summary>
    public static bool IsTrue(this IAwsEnvironment environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.Equals(environment.GetVariable(name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ProcessEnvironment : IAwsEnvironment
    {
        public string? GetVariable(string name) => NullIfEmpty(Environment.GetEnvironmentVariable(name));

        public string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

        public string HomeDirectory =>
            NullIfEmpty(Environment.GetEnvironmentVariable("HOME"))
            ?? NullIfEmpty(Environment.GetEnvironmentVariable("USERPROFILE"))
            ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    private sealed class FixedEnvironment(IReadOnlyDictionary<string, string> variables, string homeDirectory) : IAwsEnvironment
    {
        public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? NullIfEmpty(value) : null;

        public string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

        public string HomeDirectory => homeDirectory;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
