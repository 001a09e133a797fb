using System.Globalization;

namespace Fargo.Local.Engine;

/// <summary>
/// How an engine runs. The timing knobs exist so tests (and impatient developers) can run ECS's
/// behaviour faster: <see cref="TimeScale"/> multiplies every ECS duration (health check interval,
/// timeout and start period, stop timeout, grace period, the 40 s a task without health check needs
/// to count as healthy, launch backoff); <see cref="Tick"/> is how often the scheduler looks at things.
/// </summary>
public sealed record EngineOptions
{
    public const string PortVariable = "FARGO_LOCAL_PORT";
    public const string TickVariable = "FARGO_LOCAL_TICK_MS";
    public const string TimeScaleVariable = "FARGO_LOCAL_TIME_SCALE";

    /// <summary>The port to listen on; 0 lets the OS pick one (the engine record says which).</summary>
    public int Port { get; init; } = LocalRegionConstants.DefaultPort;

    /// <summary>
    /// ECS's scheduler has no tick: it acts when something changes. A short tick comes closest; each step of a
    /// task's lifecycle waits for one, so a rollout's provisioning, pending and stopping steps take a few ticks.
    /// </summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(200);

    public double TimeScale { get; init; } = 1.0;

    /// <summary>How long a RUNNING task without a health check runs before ECS counts it healthy.</summary>
    public TimeSpan UncheckedTaskStabilization { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Options from FARGO_LOCAL_PORT, FARGO_LOCAL_TICK_MS and FARGO_LOCAL_TIME_SCALE, else the defaults.</summary>
    public static EngineOptions FromEnvironment()
    {
        var options = new EngineOptions();
        if (Environment.GetEnvironmentVariable(PortVariable) is { Length: > 0 } port)
        {
            options = options with { Port = ParseInt(PortVariable, port, 0, 65535) };
        }

        if (Environment.GetEnvironmentVariable(TickVariable) is { Length: > 0 } tick)
        {
            options = options with { Tick = TimeSpan.FromMilliseconds(ParseInt(TickVariable, tick, 10, 60_000)) };
        }

        if (Environment.GetEnvironmentVariable(TimeScaleVariable) is { Length: > 0 } scale)
        {
            if (!double.TryParse(scale, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is <= 0 or > 100)
            {
                throw new ArgumentException($"{TimeScaleVariable} must be a number above 0 and at most 100, not \"{scale}\"");
            }

            options = options with { TimeScale = value };
        }

        return options;
    }

    /// <summary>An ECS duration as this engine runs it.</summary>
    public TimeSpan Scaled(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeScale));

    public TimeSpan ScaledSeconds(double seconds) => Scaled(TimeSpan.FromSeconds(seconds));

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not \"{text}\"");
}
