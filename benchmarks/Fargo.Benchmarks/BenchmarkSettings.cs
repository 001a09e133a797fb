using System.Globalization;

namespace Fargo.Benchmarks;

/// <summary>How hard and how long each measurement runs; bounded both in time and in requests.</summary>
public sealed record BenchmarkSettings(TimeSpan Duration, int Connections, int MaxRequests, TimeSpan Warmup)
{
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings(TimeSpan.FromSeconds(10), 32, 1_000_000, TimeSpan.FromSeconds(2));
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(Math.Clamp(value, 1, 300)) },
                "--connections" => settings with { Connections = Math.Clamp(value, 1, 1024) },
                "--requests" => settings with { MaxRequests = Math.Max(1, value) },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        return settings;
    }
}
