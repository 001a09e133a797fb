using System.Globalization;
using System.Text.RegularExpressions;
using Fargo.Config.Model;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Images.Building;

/// <summary>
/// Everything an image build depends on, gathered before any command line is made, so that the command lines are a
/// pure function of it (see <see cref="ImageBuildCommands"/>).
/// </summary>
/// <param name="RegistryHost">123456789012.dkr.ecr.us-east-1.amazonaws.com, or the local region's registry host.</param>
/// <param name="Repository">The ECR repository name ([names] repository, default the service's name).</param>
/// <param name="Version">The tag.</param>
/// <param name="Platform">The task's platform: linux/amd64 or linux/arm64.</param>
/// <param name="Source">A Dockerfile, or a .NET project without one.</param>
/// <param name="Revision">The git remote and commit, for the labels.</param>
/// <param name="Created">When the build started (the created label).</param>
/// <param name="TestCommands">--test: the commands to run inside the built image, in order; empty for none.</param>
/// <param name="ArchivePath">Where the .NET SDK writes the image when no container engine answers.</param>
public sealed partial record ImageBuildRequest(
    string RegistryHost,
    string Repository,
    string Version,
    string Platform,
    BuildSource Source,
    SourceRevision Revision,
    DateTimeOffset Created,
    IReadOnlyList<string> TestCommands,
    string ArchivePath)
{
    /// <summary>REGISTRY/REPOSITORY:VERSION, the name the image is built and pushed as.</summary>
    public string Image => $"{RegistryHost}/{Repository}:{Version}";

    /// <summary>The created label's value: RFC 3339, UTC, to the second.</summary>
    public string CreatedText => Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The OCI annotations every image carries (source and revision only when known), in this order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels
    {
        get
        {
            var labels = new List<KeyValuePair<string, string>>();
            if (Revision.Repository is { } source)
            {
                labels.Add(new("org.opencontainers.image.source", source));
            }

            if (Revision.Revision is { } revision)
            {
                labels.Add(new("org.opencontainers.image.revision", revision));
            }

            labels.Add(new("org.opencontainers.image.created", CreatedText));
            labels.Add(new("org.opencontainers.image.version", Version));
            return labels;
        }
    }

    /// <summary>The request for a service's settings in its environment.</summary>
    public static ImageBuildRequest For(
        ServiceSettings settings,
        BuildSource source,
        string version,
        SourceRevision revision,
        DateTimeOffset created,
        IReadOnlyList<string> testCommands,
        string archivePath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(testCommands);
        CheckVersion(version);
        var environment = TargetEnvironment.Of(settings.Environment);
        var repositoryUri = ImageResolver.RepositoryUri(environment, settings.Names.Repository);
        var registry = repositoryUri[..repositoryUri.IndexOf('/', StringComparison.Ordinal)];
        return new ImageBuildRequest(
            registry,
            settings.Names.Repository,
            version,
            settings.Resources.Platform,
            source,
            revision,
            created,
            [.. testCommands.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())],
            archivePath);
    }

    /// <summary>A version is an image tag: letters, digits, _ . - (not first), at most 128 characters.</summary>
    public static void CheckVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!TagPattern().IsMatch(version))
        {
            throw new DeployUsageException(
                $"The version '{version}' cannot be an image tag.",
                "A tag is up to 128 letters, digits, _, . and -, not starting with . or -; e.g. the git short SHA.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
