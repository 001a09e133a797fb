using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<NetworkMode>))]
public sealed record NetworkMode(string Value) : IAwsConstant<NetworkMode>
{
    public static NetworkMode Bridge { get; } = new("bridge");
    public static NetworkMode Host { get; } = new("host");
    public static NetworkMode Awsvpc { get; } = new("awsvpc");
    public static NetworkMode None { get; } = new("none");

    public static IReadOnlyList<NetworkMode> KnownValues { get; } = [Bridge, Host, Awsvpc, None];

    public static NetworkMode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
