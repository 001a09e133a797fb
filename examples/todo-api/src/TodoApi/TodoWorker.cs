using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace TodoApi;

/// <summary>
/// The app's worker (the todo-worker service, `dotnet TodoApi.dll --worker`): on the API's database, every DIGEST_EVERY
/// it marks the open todos older than STALE_AFTER stale and writes one digest line to stdout, which the service's log
/// group keeps (`fargo logs --service todo-worker`). It shares the API's data access, not its HTTP host.
/// </summary>
public static class TodoWorker
{
    public static async Task<int> RunAsync(Func<string, string?> read)
    {
        var every = Duration(read("DIGEST_EVERY"), TimeSpan.FromMinutes(1));
        var staleAfter = Duration(read("STALE_AFTER"), TimeSpan.FromDays(7));
        using var stopping = new CancellationTokenSource();
        // ECS stops a task with SIGTERM: finish the round in progress, then exit 0.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });
        await using var db = NpgsqlDataSource.Create(DatabaseSettings.FromEnvironment(read).ConnectionString);
        var store = new TodoStore(db);
        Console.WriteLine($"worker: a digest every {every}, todos open for more than {staleAfter} marked stale");
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Console.WriteLine(await store.MarkStaleAsync(DateTimeOffset.UtcNow - staleAfter, CancellationToken.None));
            }
            catch (NpgsqlException e)
            {
                // The API owns the schema; before its first migration, or while the database restarts, try again next round.
                Console.WriteLine($"worker: no digest this round: {e.Message}");
            }

            try
            {
                await Task.Delay(every, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>The container health check (`dotnet TodoApi.dll --health`): 0 when the database answers.</summary>
    public static async Task<int> CheckHealthAsync(Func<string, string?> read)
    {
        try
        {
            await using var db = NpgsqlDataSource.Create(DatabaseSettings.FromEnvironment(read).ConnectionString);
            await using var command = db.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync();
            return 0;
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"unhealthy: {e.Message}");
            return 1;
        }
    }

    /// <summary>"90s", "5m", "7d" or a TimeSpan ("00:01:30").</summary>
    private static TimeSpan Duration(string? text, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var unit = text[^1];
        if (double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            switch (unit)
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }
}
