using Fargo.Local.Runtime;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>A container as a process group: exit codes as Docker reports them, output to a file, adoption by pid.</summary>
public sealed class ContainerProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_exit_code_and_both_output_streams_are_captured()
    {
        var process = SpawnedContainerProcess.Start(Launch("sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 5"));

        var code = await process.Exited.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(5, code);
        Assert.Equal("to-stdout\nto-stderr\n", File.ReadAllText(_temp.Combine("web.out")));
        Assert.Equal("5", File.ReadAllText(_temp.Combine("web.exit")).Trim());
    }

    [Fact]
    public async Task SIGTERM_reaches_the_app_and_its_children_and_reads_as_143()
    {
        var process = SpawnedContainerProcess.Start(Launch("sh", "-c", "sleep 60 & sleep 60"));
        // Both sleeps must be running before the signal, or there would be nothing to check afterwards.
        var sleeps = await PollAsync(() => ChildrenOf(process.ProcessId).Where(pid => CommandOf(pid) == "sleep").ToList(), found => found.Count == 2);

        process.Signal(Posix.SigTerm);
        var code = await process.Exited.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(143, code);
        // Both children got the signal too: none is left running.
        await PollAsync(() => sleeps.Where(pid => Posix.ProcessStartTicks(pid) is not null).ToList(), alive => alive.Count == 0);
    }

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds or 10 s pass, and returns the last reading.</summary>
    private static async Task<T> PollAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = read();
        }
        Assert.True(done(value), $"not reached within 10 s; last reading: {System.Text.Json.JsonSerializer.Serialize(value)}");
        return value;
    }

    [Fact]
    public async Task An_adopted_process_is_recognised_by_pid_and_start_time_and_its_exit_code_is_read_from_its_wrapper()
    {
        var spawned = SpawnedContainerProcess.Start(Launch("sleep", "60"));
        await Task.Delay(200);

        Assert.Null(AdoptedContainerProcess.TryAdopt(spawned.ProcessId, spawned.StartTicks + 1, _temp.Combine("web.exit"), CancellationToken.None));
        var adopted = AdoptedContainerProcess.TryAdopt(spawned.ProcessId, spawned.StartTicks, _temp.Combine("web.exit"), CancellationToken.None);
        Assert.NotNull(adopted);

        adopted.Signal(Posix.SigTerm);
        Assert.Equal(143, await spawned.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(143, await adopted.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_health_probe_passes_on_exit_0_and_fails_on_error_or_timeout()
    {
        var environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH")!, ["WHO"] = "me" };

        Assert.True(await HealthProbe.RunAsync(["CMD-SHELL", "test \"$WHO\" = me"], _temp.Path, environment, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.False(await HealthProbe.RunAsync(["CMD", "false"], _temp.Path, environment, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.False(await HealthProbe.RunAsync(["CMD", "sleep", "10"], _temp.Path, environment, TimeSpan.FromMilliseconds(300), CancellationToken.None));
    }

    private ContainerLaunch Launch(params string[] argv) => new(
        "task",
        "web",
        argv,
        _temp.Path,
        new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH")! },
        _temp.Combine("web.out"),
        _temp.Combine("web.exit"));

    private static List<int> ChildrenOf(int groupLeader) =>
        Posix.AllProcessIds()
            .Where(pid => pid != groupLeader && ReadProcessGroup(pid) == groupLeader)
            .ToList();

    private static string? CommandOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? ReadProcessGroup(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
