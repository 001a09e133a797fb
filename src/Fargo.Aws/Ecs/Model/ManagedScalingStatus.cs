using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ManagedScalingStatus>))]
public sealed record ManagedScalingStatus(string Value) : IAwsConstant<ManagedScalingStatus>
{
    public static ManagedScalingStatus Enabled { get; } = new("ENABLED");
    public static ManagedScalingStatus Disabled { get; } = new("DISABLED");

    public static IReadOnlyList<ManagedScalingStatus> KnownValues { get; } = [Enabled, Disabled];

    public static ManagedScalingStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
