namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>
/// One target tracking policy's two alarms, as AWS creates them for an ECS service: AlarmHigh fires when the metric
/// is above the target for 3 consecutive periods, AlarmLow when it is below 90 % of the target for 15 (so a service
/// scales out fast and in only when well below its target, and slowly). The new capacity is proportional:
/// ceil(capacity × metric ÷ target).
/// </summary>
internal sealed class TargetTracking(double targetValue, bool scaleInDisabled)
{
    public const int ScaleOutDatapoints = 3;
    public const int ScaleInDatapoints = 15;
    public const double ScaleInThreshold = 0.9;

    private readonly Queue<double> _datapoints = new();

    public double TargetValue { get; } = targetValue;

    public bool ScaleInDisabled { get; } = scaleInDisabled;

    /// <summary>The latest datapoint, or null before the first.</summary>
    public double? Latest { get; private set; }

    public void Add(double value)
    {
        _datapoints.Enqueue(value);
        while (_datapoints.Count > ScaleInDatapoints)
        {
            _datapoints.Dequeue();
        }

        Latest = value;
    }

    /// <summary>Forgets the datapoints: after the capacity changed, the alarms judge the new capacity afresh.</summary>
    public void Reset()
    {
        _datapoints.Clear();
        Latest = null;
    }

    /// <summary>The capacity AlarmHigh asks for, or null when it is not in ALARM.</summary>
    public int? ScaleOut(int capacity)
    {
        if (_datapoints.Count < ScaleOutDatapoints || !_datapoints.Skip(_datapoints.Count - ScaleOutDatapoints).All(v => v > TargetValue))
        {
            return null;
        }

        return Math.Max(capacity + 1, Proportional(capacity));
    }

    /// <summary>The capacity AlarmLow asks for, or null when it is not in ALARM (or scale-in is disabled, or it would not remove a task).</summary>
    public int? ScaleIn(int capacity)
    {
        if (ScaleInDisabled || _datapoints.Count < ScaleInDatapoints || !_datapoints.All(v => v < TargetValue * ScaleInThreshold))
        {
            return null;
        }

        var wanted = Proportional(capacity);
        return wanted < capacity ? wanted : null;
    }

    private int Proportional(int capacity) => (int)Math.Min(int.MaxValue, Math.Ceiling(capacity * Latest!.Value / TargetValue));
}
