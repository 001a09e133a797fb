using Fargo.Local.ApplicationAutoScaling;

namespace Fargo.Local.Tests.ApplicationAutoScaling;

/// <summary>
/// AWS's target tracking rules as the local autoscaler applies them: out after 3 periods above the target, to the
/// proportional capacity; in only after 15 periods below 90 % of it, never when scale-in is disabled.
/// </summary>
public sealed class TargetTrackingTests
{
    [Fact]
    public void Three_periods_above_the_target_ask_for_the_proportional_capacity()
    {
        var tracking = new TargetTracking(50, scaleInDisabled: false);
        tracking.Add(80);
        tracking.Add(120);

        Assert.Null(tracking.ScaleOut(2));

        tracking.Add(130);

        Assert.Equal(6, tracking.ScaleOut(2)); // ceil(2 × 130 / 50)
        Assert.Null(tracking.ScaleIn(2));
    }

    [Fact]
    public void A_period_at_or_below_the_target_breaks_the_run()
    {
        var tracking = new TargetTracking(50, scaleInDisabled: false);
        foreach (var value in new double[] { 90, 90, 50 })
        {
            tracking.Add(value);
        }

        Assert.Null(tracking.ScaleOut(1));
    }

    [Fact]
    public void Scale_in_needs_fifteen_periods_below_ninety_percent_of_the_target()
    {
        var tracking = new TargetTracking(50, scaleInDisabled: false);
        for (var i = 0; i < 14; i++)
        {
            tracking.Add(10);
        }

        Assert.Null(tracking.ScaleIn(4));

        tracking.Add(10);

        Assert.Equal(1, tracking.ScaleIn(4)); // ceil(4 × 10 / 50)

        tracking.Add(46); // above 90 % of the target: not "well below" any more
        Assert.Null(tracking.ScaleIn(4));
    }

    [Fact]
    public void Scale_in_disabled_never_scales_in_and_a_reset_starts_over()
    {
        var disabled = new TargetTracking(50, scaleInDisabled: true);
        var enabled = new TargetTracking(50, scaleInDisabled: false);
        for (var i = 0; i < 15; i++)
        {
            disabled.Add(0);
            enabled.Add(0);
        }

        Assert.Null(disabled.ScaleIn(3));
        Assert.Equal(0, enabled.ScaleIn(3));

        enabled.Reset();
        Assert.Null(enabled.ScaleIn(3));
        Assert.Null(enabled.Latest);
    }

    [Fact]
    public void Proc_stat_lines_give_the_process_group_cpu_ticks_and_resident_pages_even_with_parentheses_in_the_name()
    {
        const string stat = "4242 (my (odd) app) S 1 4240 4240 0 -1 4194560 500 0 0 0 150 50 7 3 20 0 4 0 12345 1000000 2048 18446744073709551615";

        var parsed = ProcessGroupUsage.Parse(stat);

        Assert.Equal((4240, 210L, 2048L), parsed);
    }

    [Fact]
    public void The_usage_of_this_process_group_is_read_from_proc()
    {
        var group = Environment.ProcessId;
        var stat = File.ReadAllText($"/proc/{group}/stat");
        var own = ProcessGroupUsage.Parse(stat)!.Value.Group;

        var usage = ProcessGroupUsage.Read(new HashSet<int> { own });

        Assert.True(usage[own].ResidentBytes > 1024 * 1024, $"resident {usage[own].ResidentBytes}");
        Assert.True(usage[own].CpuSeconds > 0, $"cpu {usage[own].CpuSeconds}");
    }
}
