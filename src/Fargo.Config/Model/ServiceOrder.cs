namespace Fargo.Config.Model;

/// <summary>The order an app's services are deployed in (and taken down in, reversed): each called service before its callers.</summary>
public static class ServiceOrder
{
    /// <summary>
    /// The services with every called one before the services that call it; otherwise in the order given. A call to a
    /// service that is not in the list is no constraint.
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

            foreach (var call in service.Calls)
            {
                if (byName.TryGetValue(call.Service, out var called))
                {
                    Place(called);
                }
            }

            visiting.Remove(service.Name);
            placed.Add(service.Name);
            ordered.Add(service);
        }
    }
}
