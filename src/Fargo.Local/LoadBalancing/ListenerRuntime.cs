using Fargo.Local.LoadBalancing.DataPlane;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.Routing;

namespace Fargo.Local.LoadBalancing;

/// <summary>A listener at run time: its record, its compiled routes (swapped whole), and its socket.</summary>
internal sealed class ListenerRuntime(ListenerRecord record, RouteTable routes)
{
    private volatile RouteTable _routes = routes;

    public ListenerRecord Record { get; set; } = record;

    public RouteTable Routes
    {
        get => _routes;
        set => _routes = value;
    }

    public ListenerServer? Server { get; set; }
}
