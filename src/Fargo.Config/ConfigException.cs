namespace Fargo.Config;

/// <summary>
/// The configuration file is not usable. <see cref="Diagnostics"/> holds every problem found, in file
/// order, not just the first; nothing has been done with the file.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public ConfigException()
        : this([])
    {
    }

    public ConfigException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return diagnostics.Count switch
        {
            0 => "The configuration is not valid.",
            1 => diagnostics[0].ToString(),
            _ => $"{diagnostics.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}",
        };
    }
}
