using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<LoadBalancerStateCode>))]
public sealed record LoadBalancerStateCode(string Value) : IAwsConstant<LoadBalancerStateCode>
{
    public static LoadBalancerStateCode Active { get; } = new("active");
    public static LoadBalancerStateCode Provisioning { get; } = new("provisioning");
    public static LoadBalancerStateCode ActiveImpaired { get; } = new("active_impaired");
    public static LoadBalancerStateCode Failed { get; } = new("failed");

    public static IReadOnlyList<LoadBalancerStateCode> KnownValues { get; } = [Active, Provisioning, ActiveImpaired, Failed];

    public static LoadBalancerStateCode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
