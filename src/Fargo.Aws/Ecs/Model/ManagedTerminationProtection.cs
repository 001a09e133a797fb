using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ManagedTerminationProtection>))]
public sealed record ManagedTerminationProtection(string Value) : IAwsConstant<ManagedTerminationProtection>
{
    public static ManagedTerminationProtection Enabled { get; } = new("ENABLED");
    public static ManagedTerminationProtection Disabled { get; } = new("DISABLED");

    public static IReadOnlyList<ManagedTerminationProtection> KnownValues { get; } = [Enabled, Disabled];

    public static ManagedTerminationProtection FromWire(string value) => new(value);

    public override string ToString() => Value;
}
