using Fargo.Config.Toml;

namespace Fargo.Config.Validation;

/// <summary>
/// Collects the problems of one file. The same problem found twice (a top-level value checked once for each
/// environment that inherits it) is kept once; the list comes out in file order.
/// </summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private readonly HashSet<ConfigDiagnostic> _seen = [];

    public string File { get; } = file;

    public bool IsEmpty => _diagnostics.Count == 0;

    public void Add(TomlPosition position, string keyPath, string message, string? hint = null)
    {
        var diagnostic = new ConfigDiagnostic(File, position.Line, position.Column, keyPath, message, hint);
        if (_seen.Add(diagnostic))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    public void Add(Origin origin, string message, string? hint = null) => Add(origin.Position, origin.KeyPath, message, hint);

    public IReadOnlyList<ConfigDiagnostic> ToList() =>
        [.. _diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];
}
