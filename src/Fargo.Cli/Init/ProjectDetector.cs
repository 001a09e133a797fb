using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Fargo.Deploy.Images.Building;

namespace Fargo.Cli.Init;

/// <summary>
/// Looks at a folder the way a person setting Fargo up would: which ASP.NET Core project is the service, what
/// it builds to, which port it listens on, whether there is a Dockerfile, and whether it has a health endpoint.
/// </summary>
internal static partial class ProjectDetector
{
    /// <summary>The port .NET 8+ container images listen on (ASPNETCORE_HTTP_PORTS=8080 in the base images).</summary>
    public const int DefaultPort = 8080;

    private const int MaxSourceFiles = 500;

    public static DetectedProject Detect(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var webProjects = ProjectFiles.Find(folder)
            .Select(path => TryReadWebProject(folder, path))
            .OfType<WebProject>()
            .ToList();
        var project = webProjects.FirstOrDefault();
        var dockerfile = FindDockerfile(folder, project);
        var dockerfileText = dockerfile is null ? null : File.ReadAllText(Path.Combine(folder, dockerfile));

        var (port, source, needsSetting) = DetectPort(folder, project, dockerfile, dockerfileText);
        var name = ServiceNames.FromIdentifier(project?.AssemblyName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
        return new DetectedProject(
            name,
            project,
            [.. webProjects.Skip(1).Select(p => p.ProjectFile)],
            port,
            source,
            needsSetting,
            dockerfile,
            project is null ? null : FindHealthPath(Path.Combine(folder, project.Directory)));
    }

    private static WebProject? TryReadWebProject(string root, string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException)
        {
            return null; // Not a project MSBuild could load either; not ours to judge.
        }

        var project = document.Root;
        if (project is null || !ProjectFiles.IsWebSdk(project))
        {
            return null;
        }

        var assemblyName = project.Elements("PropertyGroup").Elements("AssemblyName")
            .Select(e => e.Value.Trim())
            .LastOrDefault(v => v.Length > 0 && !v.Contains("$(", StringComparison.Ordinal));
        var directory = Relative(root, Path.GetDirectoryName(path)!);
        return new WebProject(Relative(root, path), directory, assemblyName ?? Path.GetFileNameWithoutExtension(path));
    }

    private static string? FindDockerfile(string root, WebProject? project)
    {
        if (File.Exists(Path.Combine(root, "Dockerfile")))
        {
            return "Dockerfile";
        }

        if (project is not null && File.Exists(Path.Combine(root, project.Directory, "Dockerfile")))
        {
            return project.Directory == "." ? "Dockerfile" : project.Directory + "/Dockerfile";
        }

        return null;
    }

    private static (int Port, string Source, bool NeedsSetting) DetectPort(string root, WebProject? project, string? dockerfile, string? dockerfileText)
    {
        if (dockerfileText is not null)
        {
            var expose = ExposeLine().Match(dockerfileText);
            if (expose.Success && TryPort(expose.Groups["port"].Value, out var exposed))
            {
                return (exposed, $"EXPOSE in {dockerfile}", false);
            }

            var environment = ListenEnvironment().Match(dockerfileText);
            if (environment.Success && TryPort(environment.Groups["port"].Value, out var listening))
            {
                return (listening, $"ENV in {dockerfile}", false);
            }
        }

        if (project is not null)
        {
            var launchSettings = Path.Combine(root, project.Directory, "Properties", "launchSettings.json");
            if (File.Exists(launchSettings) && LaunchSettingsHttpPort(launchSettings) is { } launch)
            {
                return (launch.Port, $"the '{launch.Profile}' profile in {project.Directory}/Properties/launchSettings.json", true);
            }
        }

        return (DefaultPort, "the port .NET container images listen on", false);
    }

    private static (int Port, string Profile)? LaunchSettingsHttpPort(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // The profiles `dotnet run` uses ("commandName": "Project"), in file order; the first plain-HTTP URL wins.
            foreach (var profile in profiles.EnumerateObject())
            {
                if (profile.Value.ValueKind != JsonValueKind.Object
                    || !profile.Value.TryGetProperty("commandName", out var command) || command.GetString() != "Project"
                    || !profile.Value.TryGetProperty("applicationUrl", out var urls) || urls.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                foreach (var url in urls.GetString()!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                        && Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                    {
                        return (uri.Port, profile.Name);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A broken launchSettings.json is the IDE's problem; fall back to the default port.
        }

        return null;
    }

    private static string? FindHealthPath(string projectDirectory)
    {
        var sources = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(ProjectFiles.SkippedFolders.Contains))
            .Order(StringComparer.Ordinal)
            .Take(MaxSourceFiles);
        foreach (var file in sources)
        {
            var match = HealthEndpoint().Match(File.ReadAllText(file));
            if (match.Success)
            {
                return match.Groups["path"].Value;
            }
        }

        return null;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, out port) && port is > 0 and < 65536;

    private static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        return relative.Length == 0 ? "." : relative;
    }

    [GeneratedRegex(@"^\s*EXPOSE\s+(?<port>\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"^\s*ENV\s+.*?ASPNETCORE_(?:HTTP_PORTS[= ]\s*|URLS[= ]\s*""?https?://[^:/\s]+:)(?<port>\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ListenEnvironment();

    [GeneratedRegex(@"\.Map(?:HealthChecks|Get)\(\s*""(?<path>/[^""]*(?:health|healthz|ready|live)[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HealthEndpoint();
}

/// <summary>
/// Service names as fargo.toml takes them: lower-case letters, digits and single hyphens, starting with a
/// letter, at most 32 characters (the load balancer's target group is named after the service).
/// </summary>
internal static class ServiceNames
{
    public const int MaxLength = 32;

    /// <summary>"TodoApi" → "todo-api", "My.Web_App" → "my-web-app", "HTTPServer" → "http-server".</summary>
    public static string FromIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var builder = new StringBuilder();
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Hyphen();
                continue;
            }

            var previous = i > 0 ? identifier[i - 1] : '\0';
            var next = i + 1 < identifier.Length ? identifier[i + 1] : '\0';
            var wordStart = char.IsAsciiLetterUpper(c)
                && (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) || (char.IsAsciiLetterUpper(previous) && char.IsAsciiLetterLower(next)));
            if (wordStart)
            {
                Hyphen();
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        var name = builder.ToString().Trim('-');
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name = "app" + (name.Length == 0 ? "" : "-" + name);
        }

        return name.Length <= MaxLength ? name : name[..MaxLength].TrimEnd('-');

        void Hyphen()
        {
            if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
    }
}
