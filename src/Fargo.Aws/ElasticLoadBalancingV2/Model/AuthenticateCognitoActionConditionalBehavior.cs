using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

[JsonConverter(typeof(AwsConstantJsonConverter<AuthenticateCognitoActionConditionalBehavior>))]
public sealed record AuthenticateCognitoActionConditionalBehavior(string Value) : IAwsConstant<AuthenticateCognitoActionConditionalBehavior>
{
    public static AuthenticateCognitoActionConditionalBehavior Deny { get; } = new("deny");
    public static AuthenticateCognitoActionConditionalBehavior Allow { get; } = new("allow");
    public static AuthenticateCognitoActionConditionalBehavior Authenticate { get; } = new("authenticate");

    public static IReadOnlyList<AuthenticateCognitoActionConditionalBehavior> KnownValues { get; } = [Deny, Allow, Authenticate];

    public static AuthenticateCognitoActionConditionalBehavior FromWire(string value) => new(value);

    public override string ToString() => Value;
}
