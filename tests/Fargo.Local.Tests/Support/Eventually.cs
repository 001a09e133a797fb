namespace Fargo.Local.Tests.Support;

/// <summary>Polls until a condition holds, failing with what was last seen when it doesn't in time.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTimeOffset.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Last seen: {(describe is null ? last?.ToString() : describe(last))}");
        return last;
    }
}
