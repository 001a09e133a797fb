using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<AuthenticateOidcActionConditionalBehavior>))]
public sealed record AuthenticateOidcActionConditionalBehavior(string Value) : IAwsConstant<AuthenticateOidcActionConditionalBehavior>
{
    public static AuthenticateOidcActionConditionalBehavior Deny { get; } = new("deny");
    public static AuthenticateOidcActionConditionalBehavior Allow { get; } = new("allow");
    public static AuthenticateOidcActionConditionalBehavior Authenticate { get; } = new("authenticate");

    public static IReadOnlyList<AuthenticateOidcActionConditionalBehavior> KnownValues { get; } = [Deny, Allow, Authenticate];

    public static AuthenticateOidcActionConditionalBehavior FromWire(string value) => new(value);

    public override string ToString() => Value;
}
