using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<ApplicationProtocol>))]
public sealed record ApplicationProtocol(string Value) : IAwsConstant<ApplicationProtocol>
{
    public static ApplicationProtocol Http { get; } = new("http");
    public static ApplicationProtocol Http2 { get; } = new("http2");
    public static ApplicationProtocol Grpc { get; } = new("grpc");

    public static IReadOnlyList<ApplicationProtocol> KnownValues { get; } = [Http, Http2, Grpc];

    public static ApplicationProtocol FromWire(string value) => new(value);

    public override string ToString() => Value;
}
