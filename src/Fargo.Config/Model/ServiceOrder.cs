namespace Fargo.Config.Model;

/// <summary>
/// The order an app's services are deployed in (and taken down in, reversed): each service after the ones it needs
/// (<see cref="ServiceSettings.Needs"/>: the services it calls and its database's owner).
/// </summary>
public static class ServiceOrder
{
    /// <summary>
    /// The services with every called one (and every database owner) before the services that need it; otherwise in the
    /// order given. A service needed that is not in the list is no constraint.
    /// </summary>
    public static IReadOnlyList<ServiceSettings> CalledFirst(IReadOnlyList<ServiceSettings> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var ordered = new List<ServiceSettings>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            Place(service);
        }

        return ordered;

        void Place(ServiceSettings service)
        {
            if (placed.Contains(service.Name) || !visiting.Add(service.Name))
            {
                return;
            }

            foreach (var needed in service.Needs)
            {
                if (byName.TryGetValue(needed, out var first))
                {
                    Place(first);
                }
            }

            visiting.Remove(service.Name);
            placed.Add(service.Name);
            ordered.Add(service);
        }
    }
}
