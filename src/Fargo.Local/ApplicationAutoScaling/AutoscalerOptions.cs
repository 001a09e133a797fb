using System.Globalization;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>
/// The local autoscaler's cadence. On AWS a target tracking alarm looks at one-minute periods; locally a period is
/// <see cref="Period"/> (5 s unless FARGO_LOCAL_SCALING_PERIOD_MS says otherwise), and the policies' cooldowns shrink
/// in the same ratio, so the behaviour keeps AWS's proportions: scale out after 3 periods above the target, in after
/// 15 below 90 % of it, a 300 s cooldown lasting 5 periods.
/// </summary>
public sealed record AutoscalerOptions
{
    public const string PeriodVariable = "FARGO_LOCAL_SCALING_PERIOD_MS";

    /// <summary>AWS's metric period for ECS target tracking alarms.</summary>
    public static readonly TimeSpan AwsPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Application Auto Scaling's default cooldowns for ECS services, scale-out and scale-in alike.</summary>
    public const int DefaultCooldownSeconds = 300;

    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A cooldown of AWS's seconds as the local autoscaler waits it.</summary>
    public TimeSpan Cooldown(int? seconds) =>
        TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(seconds ?? DefaultCooldownSeconds).Ticks * (Period / AwsPeriod)));

    /// <summary>The options from FARGO_LOCAL_SCALING_PERIOD_MS, else the defaults.</summary>
    public static AutoscalerOptions FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(PeriodVariable) is not { Length: > 0 } text)
        {
            return new AutoscalerOptions();
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds is >= 50 and <= 60_000
            ? new AutoscalerOptions { Period = TimeSpan.FromMilliseconds(milliseconds) }
            : throw new ArgumentException($"{PeriodVariable} must be a whole number of milliseconds from 50 to 60000, not \"{text}\"");
    }
}
