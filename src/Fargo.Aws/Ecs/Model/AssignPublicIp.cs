using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<AssignPublicIp>))]
public sealed record AssignPublicIp(string Value) : IAwsConstant<AssignPublicIp>
{
    public static AssignPublicIp Enabled { get; } = new("ENABLED");
    public static AssignPublicIp Disabled { get; } = new("DISABLED");

    public static IReadOnlyList<AssignPublicIp> KnownValues { get; } = [Enabled, Disabled];

    public static AssignPublicIp FromWire(string value) => new(value);

    public override string ToString() => Value;
}
