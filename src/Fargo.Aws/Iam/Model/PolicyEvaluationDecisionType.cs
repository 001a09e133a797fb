using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Iam;

[JsonConverter(typeof(AwsConstantJsonConverter<PolicyEvaluationDecisionType>))]
public sealed record PolicyEvaluationDecisionType(string Value) : IAwsConstant<PolicyEvaluationDecisionType>
{
    public static PolicyEvaluationDecisionType Allowed { get; } = new("allowed");
    public static PolicyEvaluationDecisionType ExplicitDeny { get; } = new("explicitDeny");
    public static PolicyEvaluationDecisionType ImplicitDeny { get; } = new("implicitDeny");

    public static IReadOnlyList<PolicyEvaluationDecisionType> KnownValues { get; } = [Allowed, ExplicitDeny, ImplicitDeny];

    public static PolicyEvaluationDecisionType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
