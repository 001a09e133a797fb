using System.Collections.Concurrent;

namespace Fargo.Cli.Tests.EndToEnd.Support;

/// <summary>
/// Continuous requests through the load balancer while something changes behind it: every request that does not get a
/// 2xx answer (an error status, a reset connection, a timeout) is a failed request, with what went wrong.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task[] _workers;
    private long _requests;

    public LoadGenerator(Uri url, int workers = 2)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunAsync(url)))];
    }

    public long Requests => Interlocked.Read(ref _requests);

    public IReadOnlyList<string> Failures => [.. _failures];

    /// <summary>Stops sending; returns once every request in flight has its answer.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task RunAsync(Uri url)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Not cancelled by the stop: a request once sent is always waited for, so none is miscounted.
                using var response = await _http.GetAsync(url, CancellationToken.None);
                Interlocked.Increment(ref _requests);
                if (!response.IsSuccessStatusCode)
                {
                    _failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _requests);
                _failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
            }

            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
