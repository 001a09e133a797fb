using System.Text.RegularExpressions;

namespace Fargo.Local.Ecr;

/// <summary>
/// An image as a task definition names it, in the local registry:
/// <c>000000000000.dkr.ecr.local.localhost/REPO:TAG</c> or <c>…/REPO@sha256:HEX</c>, or the same without
/// the registry host. A tag defaults to "latest", as Docker does.
/// </summary>
internal sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    public static string UriOf(string repository, string? tag = null, string? digest = null) =>
        LocalRegionConstants.RegistryHost + "/" + repository + (digest is not null ? "@" + digest : tag is not null ? ":" + tag : "");

    /// <summary>Parses an image string; null when it names another registry or isn't an image reference.</summary>
    public static ImageReference? TryParse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rest = image;
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var host = image[..slash];
            if (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost")
            {
                if (!string.Equals(host, LocalRegionConstants.RegistryHost, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                rest = image[(slash + 1)..];
            }
        }

        string repository;
        string? tag = null, digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            repository = rest[..at];
            digest = rest[(at + 1)..];
            if (!DigestPattern().IsMatch(digest))
            {
                return null;
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            if (colon > rest.LastIndexOf('/'))
            {
                repository = rest[..colon];
                tag = rest[(colon + 1)..];
            }
            else
            {
                repository = rest;
                tag = "latest";
            }
        }

        return RepositoryPattern().IsMatch(repository) && (tag is null || TagPattern().IsMatch(tag))
            ? new ImageReference(repository, tag, digest)
            : null;
    }

    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    internal static partial Regex RepositoryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    internal static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    internal static partial Regex DigestPattern();
}
