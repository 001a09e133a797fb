using System.Globalization;
using System.Text.RegularExpressions;
using Fargo.Local.Ecs;

namespace Fargo.Local.Runtime;

/// <summary>
/// awsvpc gives a task one network namespace: its containers reach each other on localhost and their container ports.
/// The local region runs a task's containers as processes of this machine, each container port on a loopback port of
/// its own (two tasks of one service both listen on 8080 on AWS). So a value that names localhost:&lt;port&gt; or
/// 127.0.0.1:&lt;port&gt; for a container port of the task (a sidecar's UPSTREAM, a health check's URL) is rewritten to
/// where that container listens here; other ports are left as written.
/// </summary>
internal sealed partial class TaskPorts
{
    private readonly Dictionary<int, int> _hostPortByContainerPort;

    private TaskPorts(Dictionary<int, int> hostPortByContainerPort) => _hostPortByContainerPort = hostPortByContainerPort;

    public static TaskPorts Of(TaskRecord task)
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

        return new TaskPorts(ports);
    }

    public string Rewrite(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _hostPortByContainerPort.Count == 0
            ? value
            : LocalAddress().Replace(value, match =>
                int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && _hostPortByContainerPort.TryGetValue(port, out var hostPort)
                    ? "127.0.0.1:" + hostPort.ToString(CultureInfo.InvariantCulture)
                    : match.Value);
    }

    [GeneratedRegex(@"\b(?:localhost|127\.0\.0\.1):(?<port>\d{1,5})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocalAddress();
}
