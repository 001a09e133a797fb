using Fargo.Config.Model;
using Fargo.Config.Schema;

namespace Fargo.Infrastructure;

/// <summary>
/// Who creates an environment's image repository. ECR names a repository once per account and region, and every
/// environment of a service names it the same (the service's name), so environments that share an account and region
/// share one repository: the first of them in fargo.toml's order creates it and the others import it by name. One
/// registry, one repository, one build; promoting between them finds the digest already there.
/// </summary>
/// <param name="Owns">This environment's service stack creates the repository.</param>
/// <param name="OwnerEnvironment">The environment whose stack creates it, when that is another one; null when this one owns it.</param>
/// <param name="SharedWith">The other environments that use the same repository, in fargo.toml's order (empty: not shared).</param>
public sealed record RepositoryPlacement(bool Owns, string? OwnerEnvironment, IReadOnlyList<string> SharedWith)
{
    /// <summary>The repository is this environment's alone: created, and deleted with its stack outside prod-like environments.</summary>
    public static RepositoryPlacement Alone { get; } = new(Owns: true, OwnerEnvironment: null, SharedWith: []);

    /// <summary>Another environment uses the repository too: it must outlive this environment's stack and keep its images.</summary>
    public bool Shared => SharedWith.Count > 0;

    /// <summary>
    /// Where the repository of <paramref name="settings"/> lives, given the settings of every environment of the same
    /// fargo.toml in the file's order. The environment "local", or one without an account and region, never counts.
    /// </summary>
    public static RepositoryPlacement For(ServiceSettings settings, IReadOnlyList<ServiceSettings> environments)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environments);
        if (!IsAws(settings.Environment))
        {
            return Alone;
        }

        var sharing = environments
            .Where(other => IsAws(other.Environment) && SameRepository(settings, other))
            .Select(other => other.Environment.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var self = settings.Environment.Name;
        if (!sharing.Contains(self, StringComparer.Ordinal))
        {
            throw new ArgumentException($"environment '{self}' is not among the environments given ({string.Join(", ", environments.Select(e => e.Environment.Name))})", nameof(environments));
        }

        var others = sharing.Where(name => !string.Equals(name, self, StringComparison.Ordinal)).ToList();
        if (others.Count == 0)
        {
            return Alone;
        }

        var owner = sharing[0];
        return string.Equals(owner, self, StringComparison.Ordinal)
            ? new RepositoryPlacement(Owns: true, OwnerEnvironment: null, SharedWith: others)
            : new RepositoryPlacement(Owns: false, OwnerEnvironment: owner, SharedWith: others);
    }

    // "local" (`fargo up`'s) keeps a repository of its own; the local region's other environments (pipeline stages
    // rehearsed on this machine) share its one registry as AWS environments of one account and region do.
    private static bool IsAws(EnvironmentTarget environment) =>
        environment.Name != ConfigSchema.LocalEnvironment && !string.IsNullOrWhiteSpace(environment.Account) && !string.IsNullOrWhiteSpace(environment.Region);

    // One registry per account and region; within it, a repository by name.
    private static bool SameRepository(ServiceSettings a, ServiceSettings b) =>
        string.Equals(a.Environment.Account!.Trim(), b.Environment.Account!.Trim(), StringComparison.Ordinal)
        && string.Equals(a.Environment.Region!.Trim(), b.Environment.Region!.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Names.Repository, b.Names.Repository, StringComparison.Ordinal);
}
