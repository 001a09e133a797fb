using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<HealthStatus>))]
public sealed record HealthStatus(string Value) : IAwsConstant<HealthStatus>
{
    public static HealthStatus Healthy { get; } = new("HEALTHY");
    public static HealthStatus Unhealthy { get; } = new("UNHEALTHY");
    public static HealthStatus Unknown { get; } = new("UNKNOWN");

    public static IReadOnlyList<HealthStatus> KnownValues { get; } = [Healthy, Unhealthy, Unknown];

    public static HealthStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
