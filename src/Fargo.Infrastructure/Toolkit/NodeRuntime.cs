using System.Globalization;

namespace Fargo.Infrastructure.Toolkit;

/// <summary>Node.js is missing or too old: the CDK (synthesis and the toolkit) runs on it.</summary>
public sealed class NodeNotFoundException : InfrastructureException
{
    public NodeNotFoundException()
        : base(Explanation(null))
    {
    }

    public NodeNotFoundException(string message)
        : base(message)
    {
    }

    public NodeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static string Explanation(string? found) =>
        (found is null ? "Node.js was not found on the PATH. " : $"Node.js {found} is too old. ")
        + $"`fargo infra` needs Node.js {NodeRuntime.MinimumMajorVersion} or newer: the AWS CDK runs on it. "
        + "Install it (https://nodejs.org, or your package manager: e.g. `apt-get install nodejs npm`, `brew install node`) and run the command again.";
}

/// <summary>Finds Node.js (and npm) the way the jsii runtime does: JSII_NODE, else `node` on the PATH.</summary>
public static class NodeRuntime
{
    public const int MinimumMajorVersion = 18;

    /// <summary>The node executable, or throws <see cref="NodeNotFoundException"/>. Looks at files only; starts nothing.</summary>
    public static string Locate() => Locate(Environment.GetEnvironmentVariable("JSII_NODE"), Environment.GetEnvironmentVariable("PATH"), File.Exists);

    internal static string Locate(string? jsiiNode, string? path, Func<string, bool> exists)
    {
        if (!string.IsNullOrWhiteSpace(jsiiNode))
        {
            return jsiiNode;
        }

        return FindOnPath(["node", "node.exe"], path, exists) ?? throw new NodeNotFoundException(NodeNotFoundException.Explanation(null));
    }

    /// <summary>Checks that the node at <paramref name="node"/> runs and is recent enough; returns its version.</summary>
    public static async Task<Version> CheckVersionAsync(IProcessRunner runner, string node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var lines = new List<string>();
        int exitCode;
        try
        {
            exitCode = await runner.RunAsync(new ProcessSpec(node, ["--version"]), line => lines.Add(line.Text), cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new NodeNotFoundException(NodeNotFoundException.Explanation(null), e);
        }

        var version = exitCode == 0 ? ParseVersion(lines.FirstOrDefault()) : null;
        if (version is null || version.Major < MinimumMajorVersion)
        {
            throw new NodeNotFoundException(NodeNotFoundException.Explanation(lines.FirstOrDefault()?.Trim() ?? "(unknown version)"));
        }

        return version;
    }

    /// <summary>Parses `node --version` output such as "v20.11.1".</summary>
    internal static Version? ParseVersion(string? text)
    {
        var trimmed = text?.Trim().TrimStart('v');
        return Version.TryParse(trimmed, out var version) ? version
            : int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0) : null;
    }

    /// <summary>The first of <paramref name="names"/> found in a folder of the PATH.</summary>
    internal static string? FindOnPath(IEnumerable<string> names, string? path, Func<string, bool> exists)
    {
        foreach (var folder in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
