using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fargo.Benchmarks;

/// <summary>One measurement: throughput and latency percentiles, and how many requests failed.</summary>
public sealed record LoadResult(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Requests, long Errors)
{
    /// <summary>CPU time the proxy under test spent per request (0 for the direct path), filled in by the benchmark.</summary>
    public double ProxyCpuMicrosecondsPerRequest { get; init; }
}

/// <summary>Something that puts a bounded load on a URL and measures it.</summary>
public interface ILoadDriver
{
    string Description { get; }

    Task<LoadResult> RunAsync(Uri url, BenchmarkSettings settings, TimeSpan duration);
}

/// <summary>wrk (Debian package wrk): 2 threads, the given connections, for the given time; latency from its --latency report.</summary>
public sealed partial class WrkDriver(string path) : ILoadDriver
{
    private static readonly string[] Locations = ["/usr/bin/wrk", "/usr/local/bin/wrk"];

    public static string? Find() => Locations.FirstOrDefault(File.Exists);

    public string Description => "wrk";

    public async Task<LoadResult> RunAsync(Uri url, BenchmarkSettings settings, TimeSpan duration)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t2", $"-c{settings.Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", url.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {output} {await process.StandardError.ReadToEndAsync()}");
        }

        var requests = long.Parse(RequestsPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = NonSuccessPattern().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrorsPattern().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new LoadResult(
            double.Parse(RatePattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            requests,
            non2xx + socketErrors);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, @"^\s*" + Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();
}

/// <summary>The fallback without wrk: HttpClient workers, one per connection, until the time or the request budget is spent.</summary>
public sealed class HttpClientDriver : ILoadDriver
{
    public string Description => "built-in HttpClient loop";

    public async Task<LoadResult> RunAsync(Uri url, BenchmarkSettings settings, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = settings.Connections });
        long issued = 0;
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= settings.MaxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToArray();
        var elapsed = clock.Elapsed.TotalSeconds;
        return new LoadResult(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, errors);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
