namespace Fargo.Cli.Errors;

/// <summary>
/// The command was asked for something it cannot do as given (no fargo.toml to be found, an option that does
/// not apply). Nothing was attempted. Exit code 2.
/// </summary>
internal sealed class UsageException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
