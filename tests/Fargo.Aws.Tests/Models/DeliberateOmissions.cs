namespace Fargo.Aws.Tests.Models;

/// <summary>
/// DeliberateOmissions.txt: the model members a type leaves out on purpose, one a line, each with its reason:
/// <c>service Type.member: why</c>. Nothing else may be missing.
/// </summary>
public sealed class DeliberateOmissions
{
    private readonly Dictionary<string, string> _reasons;

    private DeliberateOmissions(Dictionary<string, string> reasons) => _reasons = reasons;

    public IReadOnlyDictionary<string, string> Entries => _reasons;

    public static DeliberateOmissions Load()
    {
        var path = Path.Combine(ModelFiles.RepositoryRoot, "tests", "Fargo.Aws.Tests", "Models", "DeliberateOmissions.txt");
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var reason = colon < 0 ? "" : line[(colon + 1)..].Trim();
            if (reason.Length == 0)
            {
                throw new FormatException($"{path}:{lineNumber}: an omission needs its reason after a colon.");
            }
            var key = line[..colon].Trim();
            if (!reasons.TryAdd(key, reason))
            {
                throw new FormatException($"{path}:{lineNumber}: '{key}' is listed twice.");
            }
        }
        return new DeliberateOmissions(reasons);
    }

    public bool Allows(string service, string typeName, string member) =>
        _reasons.ContainsKey($"{service} {typeName}.{member}");
}
