using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<DesiredStatus>))]
public sealed record DesiredStatus(string Value) : IAwsConstant<DesiredStatus>
{
    public static DesiredStatus Running { get; } = new("RUNNING");
    public static DesiredStatus Pending { get; } = new("PENDING");
    public static DesiredStatus Stopped { get; } = new("STOPPED");

    public static IReadOnlyList<DesiredStatus> KnownValues { get; } = [Running, Pending, Stopped];

    public static DesiredStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
