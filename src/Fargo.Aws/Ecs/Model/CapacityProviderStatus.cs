using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<CapacityProviderStatus>))]
public sealed record CapacityProviderStatus(string Value) : IAwsConstant<CapacityProviderStatus>
{
    public static CapacityProviderStatus Active { get; } = new("ACTIVE");
    public static CapacityProviderStatus Inactive { get; } = new("INACTIVE");

    public static IReadOnlyList<CapacityProviderStatus> KnownValues { get; } = [Active, Inactive];

    public static CapacityProviderStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
