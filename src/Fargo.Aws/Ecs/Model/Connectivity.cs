using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<Connectivity>))]
public sealed record Connectivity(string Value) : IAwsConstant<Connectivity>
{
    public static Connectivity Connected { get; } = new("CONNECTED");
    public static Connectivity Disconnected { get; } = new("DISCONNECTED");

    public static IReadOnlyList<Connectivity> KnownValues { get; } = [Connected, Disconnected];

    public static Connectivity FromWire(string value) => new(value);

    public override string ToString() => Value;
}
