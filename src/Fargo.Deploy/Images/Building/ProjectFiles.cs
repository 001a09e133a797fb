using System.Xml.Linq;

namespace Fargo.Deploy.Images.Building;

/// <summary>
/// The .csproj files of a source tree, as `fargo init` and `fargo build` look for the web project: at most four folders
/// deep, past build output, dependencies and hidden folders; nearest the top first, then by path, so the choice is the
/// same on every machine.
/// </summary>
public static class ProjectFiles
{
    private const int MaxDepth = 4;

    /// <summary>Folders that hold build output or dependencies, never a project's own source.</summary>
    public static IReadOnlySet<string> SkippedFolders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "node_modules", "artifacts", "packages", "TestResults",
    };

    public static IReadOnlyList<string> Find(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<string>();
        Walk(root, 0);
        return [.. found
            .OrderBy(p => p.Count(c => c == Path.DirectorySeparatorChar))
            .ThenBy(p => p, StringComparer.Ordinal)];

        void Walk(string directory, int depth)
        {
            found.AddRange(Directory.EnumerateFiles(directory, "*.csproj"));
            if (depth >= MaxDepth)
            {
                return;
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                var name = Path.GetFileName(child);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
                {
                    Walk(child, depth + 1);
                }
            }
        }
    }

    /// <summary>
    /// Whether a project file uses the ASP.NET Core SDK, named in any of the three ways a project can name its SDK:
    /// &lt;Project Sdk="…"&gt;, &lt;Sdk Name="…"/&gt;, &lt;Import Sdk="…"/&gt;.
    /// </summary>
    public static bool IsWebSdk(XElement project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return SdkNames((string?)project.Attribute("Sdk"))
            .Concat(project.Elements("Sdk").SelectMany(e => SdkNames((string?)e.Attribute("Name"))))
            .Concat(project.Elements("Import").SelectMany(e => SdkNames((string?)e.Attribute("Sdk"))))
            .Any(sdk => string.Equals(sdk, "Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase));
    }

    // "Microsoft.NET.Sdk.Web/8.0.100;Other.Sdk" names two SDKs, the first with a version.
    private static IEnumerable<string> SdkNames(string? attribute) =>
        (attribute ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(sdk => sdk.Split('/')[0]);
}
