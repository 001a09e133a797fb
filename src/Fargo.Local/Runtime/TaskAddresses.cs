using System.Globalization;
using System.Text.RegularExpressions;
using Fargo.Local.Ecs;

namespace Fargo.Local.Runtime;

/// <summary>
/// The local addressing of a task: what its environment and its containers' health-check commands name as on AWS, put
/// where it is on this machine, once when the task starts.
/// <list type="bullet">
/// <item>awsvpc gives a task one network namespace: its containers reach each other on localhost and their container
/// ports. The local region runs a task's containers as processes of this machine, each container port on a loopback port
/// of its own (two tasks of one service both listen on 8080 on AWS). So localhost:&lt;port&gt; or 127.0.0.1:&lt;port&gt;
/// for a container port of the task (a sidecar's UPSTREAM, a health check's URL) becomes where that container listens
/// here; other ports are left as written.</item>
/// <item>A private name (a Cloud Map service's DNS name) becomes the loopback address it answers at: what the VPC's
/// resolver does on AWS when the task connects.</item>
/// </list>
/// </summary>
internal sealed partial class TaskAddresses
{
    private readonly Dictionary<int, int> _hostPortByContainerPort;
    private readonly IPrivateDns? _privateDns;

    private TaskAddresses(Dictionary<int, int> hostPortByContainerPort, IPrivateDns? privateDns)
    {
        _hostPortByContainerPort = hostPortByContainerPort;
        _privateDns = privateDns;
    }

    public static TaskAddresses Of(TaskRecord task, IPrivateDns? privateDns)
    {
        ArgumentNullException.ThrowIfNull(task);
        var ports = new Dictionary<int, int>();
        foreach (var binding in task.Containers.SelectMany(c => c.NetworkBindings))
        {
            if (binding.ContainerPort is { } containerPort && binding.HostPort is { } hostPort)
            {
                ports.TryAdd(containerPort, hostPort);
            }
        }

        return new TaskAddresses(ports, privateDns);
    }

    /// <summary>The value with the task's container ports and the private names it holds put where they are here.</summary>
    public string Rewrite(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var local = RewritePorts(value);
        return _privateDns is { } dns ? HostName().Replace(local, match => dns.Resolve(match.Value) ?? match.Value) : local;
    }

    private string RewritePorts(string value) =>
        _hostPortByContainerPort.Count == 0
            ? value
            : LocalAddress().Replace(value, match =>
                int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && _hostPortByContainerPort.TryGetValue(port, out var hostPort)
                    ? "127.0.0.1:" + hostPort.ToString(CultureInfo.InvariantCulture)
                    : match.Value);

    [GeneratedRegex(@"(?<![A-Za-z0-9.-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")]
    private static partial Regex HostName();

    [GeneratedRegex(@"\b(?:localhost|127\.0\.0\.1):(?<port>\d{1,5})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocalAddress();
}
