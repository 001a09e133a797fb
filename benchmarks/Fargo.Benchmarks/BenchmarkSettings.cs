using System.Globalization;

namespace Fargo.Benchmarks;

/// <summary>How hard and how long each measurement runs (bounded both in time and in requests), and how many times each path is measured.</summary>
public sealed record BenchmarkSettings(TimeSpan Duration, int Connections, int MaxRequests, TimeSpan Warmup, int Runs)
{
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings(TimeSpan.FromSeconds(10), 32, 1_000_000, TimeSpan.FromSeconds(2), 3);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(Math.Clamp(value, 1, 300)) },
                "--connections" => settings with { Connections = Math.Clamp(value, 1, 1024) },
                "--requests" => settings with { MaxRequests = Math.Max(1, value) },
                "--runs" => settings with { Runs = Math.Clamp(value, 1, 15) },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        return settings;
    }
}
