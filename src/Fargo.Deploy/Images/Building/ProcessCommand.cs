namespace Fargo.Deploy.Images.Building;

/// <summary>
/// One program to run with its arguments, as `fargo build --dry-run` shows it and as the runner starts it (never through
/// a shell, so an argument is exactly what is written here). <paramref name="Environment"/> holds variables set for this
/// command only; they name files and options, never secrets.
/// </summary>
public sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The file to start when it is not <see cref="Program"/> as found on this process's PATH (e.g. docker found on another PATH).</summary>
    public string? Executable { get; init; }

    /// <summary>Program and arguments in one array, the form `--output json` gives.</summary>
    public IReadOnlyList<string> Argv => [Program, .. Arguments];

    /// <summary>The command as one shell line (variables first, every word quoted when it needs it), to show or to paste.</summary>
    public string ToShell() =>
        string.Join(' ', Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + ShellQuoting.Quote(e.Value))
            .Concat(Argv.Select(ShellQuoting.Quote)));

    public override string ToString() => ToShell();
}
