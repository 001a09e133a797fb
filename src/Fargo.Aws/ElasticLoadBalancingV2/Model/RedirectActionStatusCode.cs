using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<RedirectActionStatusCode>))]
public sealed record RedirectActionStatusCode(string Value) : IAwsConstant<RedirectActionStatusCode>
{
    public static RedirectActionStatusCode Http301 { get; } = new("HTTP_301");
    public static RedirectActionStatusCode Http302 { get; } = new("HTTP_302");

    public static IReadOnlyList<RedirectActionStatusCode> KnownValues { get; } = [Http301, Http302];

    public static RedirectActionStatusCode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
