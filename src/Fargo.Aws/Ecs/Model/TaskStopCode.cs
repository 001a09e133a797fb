using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<TaskStopCode>))]
public sealed record TaskStopCode(string Value) : IAwsConstant<TaskStopCode>
{
    public static TaskStopCode TaskFailedToStart { get; } = new("TaskFailedToStart");
    public static TaskStopCode EssentialContainerExited { get; } = new("EssentialContainerExited");
    public static TaskStopCode UserInitiated { get; } = new("UserInitiated");
    public static TaskStopCode ServiceSchedulerInitiated { get; } = new("ServiceSchedulerInitiated");
    public static TaskStopCode SpotInterruption { get; } = new("SpotInterruption");
    public static TaskStopCode TerminationNotice { get; } = new("TerminationNotice");

    public static IReadOnlyList<TaskStopCode> KnownValues { get; } = [TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption, TerminationNotice];

    public static TaskStopCode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
