using System.Text.Json.Serialization;

namespace Fargo.Local.LoadBalancing.Wire;

/// <summary>Shape metadata for the ELBv2 shapes defined here, read and written like Fargo.Aws's own (model member names).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModifyTargetGroupRequest))]
[JsonSerializable(typeof(ModifyTargetGroupResponse))]
[JsonSerializable(typeof(ModifyListenerRequest))]
[JsonSerializable(typeof(ModifyListenerResponse))]
[JsonSerializable(typeof(ModifyRuleRequest))]
[JsonSerializable(typeof(ModifyRuleResponse))]
[JsonSerializable(typeof(SetRulePrioritiesRequest))]
[JsonSerializable(typeof(SetRulePrioritiesResponse))]
[JsonSerializable(typeof(CreateRuleRequest))]
[JsonSerializable(typeof(CreateRuleResponse))]
[JsonSerializable(typeof(DescribeRulesRequest))]
[JsonSerializable(typeof(DescribeRulesResponse))]
[JsonSerializable(typeof(DeleteRuleRequest))]
[JsonSerializable(typeof(DeleteRuleResponse))]
[JsonSerializable(typeof(DescribeLoadBalancerAttributesRequest))]
[JsonSerializable(typeof(DescribeLoadBalancerAttributesResponse))]
[JsonSerializable(typeof(ModifyLoadBalancerAttributesRequest))]
[JsonSerializable(typeof(ModifyLoadBalancerAttributesResponse))]
public sealed partial class RuleShapesJsonContext : JsonSerializerContext;
