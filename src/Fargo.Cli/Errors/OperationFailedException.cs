namespace Fargo.Cli.Errors;

/// <summary>The operation was attempted and did not succeed, for a reason the user can act on. Exit code 1.</summary>
internal sealed class OperationFailedException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
