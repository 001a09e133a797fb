namespace Fargo.Config.Model;

/// <summary>
/// Which requests of the environment's shared load balancer reach a web service ([http]): a host name, a path prefix,
/// or both. It decides the service's listener rule: its conditions and, through <see cref="ListenerRulePriorities"/>,
/// where the rule sits among the other services' rules.
/// </summary>
/// <param name="Host">The host header to match, or null for any host.</param>
/// <param name="Path">"/" for every path, else a prefix such as "/api" (no trailing "/", no wildcards).</param>
public sealed record HttpSettings(string? Host, string Path)
{
    /// <summary>Deep enough for real routes, and small enough that every depth gets its own band of priorities.</summary>
    public const int MaxPathSegments = 8;

    /// <summary>Today's single-service default: every request, whatever its host.</summary>
    public static HttpSettings Everything { get; } = new(null, "/");

    public bool IsEveryPath => Path == "/";

    /// <summary>The ALB path patterns: the prefix itself and everything under it ("/api", "/api/*"), or "/*".</summary>
    public IReadOnlyList<string> PathPatterns => IsEveryPath ? ["/*"] : [Path, Path + "/*"];

    /// <summary>The route as people read it: "api.example.com/api", "any host, /".</summary>
    public string Describe() => Host is null ? $"any host, path {Path}" : $"host {Host}, path {Path}";

    /// <summary>Whether two services would answer for the very same requests: the same host (or both any) and path.</summary>
    public bool SameRequestsAs(HttpSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && string.Equals(Path, other.Path, StringComparison.Ordinal);
    }

    public static int SegmentsOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}

/// <summary>A contiguous range of listener rule priorities.</summary>
public sealed record PriorityBand(int First, int Last)
{
    public bool Contains(int priority) => priority >= First && priority <= Last;
}

/// <summary>
/// Where each service's rule goes on the environment's shared listener. An ALB evaluates a listener's rules by priority,
/// lowest first, and the first match wins; so a more specific route must sit before every route it overlaps. Each
/// specificity (a host or not, and the path's depth) owns a band of priorities, the most specific the lowest band: a
/// host rule before any rule without one, "/api/v2" before "/api" before "/". Within its band a service takes a slot
/// from its name (the same in every environment), the next free one when that is taken, and keeps it on later deploys.
/// </summary>
public static class ListenerRulePriorities
{
    /// <summary>An ALB listener rule's priority is 1 to 50,000.</summary>
    public const int Highest = 50_000;

    private const int Specificities = 2 * (HttpSettings.MaxPathSegments + 1);

    private const int SlotsPerBand = 2_500;

    public static PriorityBand BandOf(HttpSettings route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var specificity = (route.Host is null ? 0 : HttpSettings.MaxPathSegments + 1) + Math.Min(HttpSettings.SegmentsOf(route.Path), HttpSettings.MaxPathSegments);
        var first = ((Specificities - 1 - specificity) * SlotsPerBand) + 1;
        return new PriorityBand(first, first + SlotsPerBand - 1);
    }

    /// <summary>The service's own slot in its band: a stable function of its name (FNV-1a), so that services get distinct ones without coordination.</summary>
    public static int Preferred(string serviceName, HttpSettings route)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(serviceName))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return BandOf(route).First + (int)(hash % SlotsPerBand);
    }

    /// <summary>
    /// The priority for a service's rule: the one it has when that is still in its band and no other rule holds it,
    /// else its preferred slot, else the next free one after it (wrapping within the band).
    /// </summary>
    /// <returns>null when every slot of the band is taken.</returns>
    public static int? Allocate(string serviceName, HttpSettings route, int? current, IReadOnlySet<int> takenByOthers)
    {
        ArgumentNullException.ThrowIfNull(takenByOthers);
        var band = BandOf(route);
        if (current is { } kept && band.Contains(kept) && !takenByOthers.Contains(kept))
        {
            return kept;
        }

        var preferred = Preferred(serviceName, route);
        for (var offset = 0; offset < SlotsPerBand; offset++)
        {
            var candidate = band.First + ((preferred - band.First + offset) % SlotsPerBand);
            if (!takenByOthers.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
