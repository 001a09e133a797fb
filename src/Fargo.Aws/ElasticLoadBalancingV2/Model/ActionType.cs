using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<ActionType>))]
public sealed record ActionType(string Value) : IAwsConstant<ActionType>
{
    public static ActionType Forward { get; } = new("forward");
    public static ActionType AuthenticateOidc { get; } = new("authenticate-oidc");
    public static ActionType AuthenticateCognito { get; } = new("authenticate-cognito");
    public static ActionType Redirect { get; } = new("redirect");
    public static ActionType FixedResponse { get; } = new("fixed-response");

    public static IReadOnlyList<ActionType> KnownValues { get; } = [Forward, AuthenticateOidc, AuthenticateCognito, Redirect, FixedResponse];

    public static ActionType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
