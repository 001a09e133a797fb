using System.Text.RegularExpressions;

namespace Fargo.Deploy.Images;

/// <summary>
/// An image URI taken apart: registry host, repository, and a tag and/or digest
/// ("123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api:v2", "…/todo-api@sha256:…", "nginx:1.27").
/// </summary>
public sealed partial record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        var text = uri.Trim();
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw new DeployUsageException($"'{uri}' has a malformed digest: expected sha256: and 64 hex digits after the @.");
            }
        }

        string? registry = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var host = text[..slash];
            if (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost")
            {
                registry = host;
                text = text[(slash + 1)..];
            }
        }

        string? tag = null;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = text[(colon + 1)..];
            text = text[..colon];
        }

        if (text.Length == 0 || !RepositoryPattern().IsMatch(text) || (tag is not null && !TagPattern().IsMatch(tag)))
        {
            throw new DeployUsageException($"'{uri}' is not an image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/name:tag.");
        }

        return new ImageReference(registry, text, tag, digest);
    }

    /// <summary>The ECR registry's account and region, when the registry is an ECR registry (or the local region's).</summary>
    public (string Account, string Region)? Ecr =>
        Registry is not null && EcrHost().Match(Registry) is { Success: true } match
            ? (match.Groups["account"].Value, match.Groups["region"].Value)
            : null;

    /// <summary>The URI pinned to a digest: registry/repository@sha256:….</summary>
    public string PinnedTo(string digest) => $"{(Registry is null ? "" : Registry + "/")}{Repository}@{digest}";

    public override string ToString() =>
        $"{(Registry is null ? "" : Registry + "/")}{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?<account>\d{12})\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|localhost)$", RegexOptions.CultureInvariant)]
    private static partial Regex EcrHost();
}
