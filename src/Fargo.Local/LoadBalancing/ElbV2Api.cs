using System.Text.Json.Serialization.Metadata;
using Fargo.Aws;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;
using Fargo.Local.Api;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.LoadBalancing;

/// <summary>
/// ELBv2's operations on the wire (awsQuery, XML responses), served by the <see cref="ElbControlPlane"/>.
/// The engine adds this table to its Query services; requests signed for "elasticloadbalancing" land here.
/// </summary>
internal static class ElbV2Api
{
    public static QueryOperationTable Create(ElbControlPlane elb)
    {
        ArgumentNullException.ThrowIfNull(elb);
        var json = ElasticLoadBalancingV2JsonContext.Default;
        var rules = RuleShapesJsonContext.Default;
        return new QueryOperationTable(AwsServices.ElasticLoadBalancingV2)
            .Add("CreateLoadBalancer", json.CreateLoadBalancerResponse, p => elb.CreateLoadBalancer(Read(p, json.CreateLoadBalancerRequest)))
            .Add("DescribeLoadBalancers", json.DescribeLoadBalancersResponse, p => elb.DescribeLoadBalancers(Read(p, json.DescribeLoadBalancersRequest)))
            .Add("DeleteLoadBalancer", json.DeleteLoadBalancerResponse, p => Wait(elb.DeleteLoadBalancerAsync(Read(p, json.DeleteLoadBalancerRequest))))
            .Add("DescribeLoadBalancerAttributes", rules.DescribeLoadBalancerAttributesResponse, p => elb.DescribeLoadBalancerAttributes(Read(p, rules.DescribeLoadBalancerAttributesRequest)))
            .Add("ModifyLoadBalancerAttributes", rules.ModifyLoadBalancerAttributesResponse, p => elb.ModifyLoadBalancerAttributes(Read(p, rules.ModifyLoadBalancerAttributesRequest)))
            .Add("CreateTargetGroup", json.CreateTargetGroupResponse, p => elb.CreateTargetGroup(Read(p, json.CreateTargetGroupRequest)))
            .Add("DescribeTargetGroups", json.DescribeTargetGroupsResponse, p => elb.DescribeTargetGroups(Read(p, json.DescribeTargetGroupsRequest)))
            .Add("ModifyTargetGroupAttributes", json.ModifyTargetGroupAttributesResponse, p => elb.ModifyTargetGroupAttributes(Read(p, json.ModifyTargetGroupAttributesRequest)))
            .Add("DescribeTargetGroupAttributes", json.DescribeTargetGroupAttributesResponse, p => elb.DescribeTargetGroupAttributes(Read(p, json.DescribeTargetGroupAttributesRequest)))
            .Add("DeleteTargetGroup", json.DeleteTargetGroupResponse, p => elb.DeleteTargetGroup(Read(p, json.DeleteTargetGroupRequest)))
            .Add("CreateListener", json.CreateListenerResponse, p => Wait(elb.CreateListenerAsync(Read(p, json.CreateListenerRequest))))
            .Add("DescribeListeners", json.DescribeListenersResponse, p => elb.DescribeListeners(Read(p, json.DescribeListenersRequest)))
            .Add("DeleteListener", json.DeleteListenerResponse, p => Wait(elb.DeleteListenerAsync(Read(p, json.DeleteListenerRequest))))
            .Add("CreateRule", rules.CreateRuleResponse, p => elb.CreateRule(Read(p, rules.CreateRuleRequest)))
            .Add("DescribeRules", rules.DescribeRulesResponse, p => elb.DescribeRules(Read(p, rules.DescribeRulesRequest)))
            .Add("DeleteRule", rules.DeleteRuleResponse, p => elb.DeleteRule(Read(p, rules.DeleteRuleRequest)))
            .Add("ModifyTargetGroup", rules.ModifyTargetGroupResponse, p => elb.ModifyTargetGroup(Read(p, rules.ModifyTargetGroupRequest)))
            .Add("ModifyListener", rules.ModifyListenerResponse, p => elb.ModifyListener(Read(p, rules.ModifyListenerRequest)))
            .Add("ModifyRule", rules.ModifyRuleResponse, p => elb.ModifyRule(Read(p, rules.ModifyRuleRequest)))
            .Add("SetRulePriorities", rules.SetRulePrioritiesResponse, p => elb.SetRulePriorities(Read(p, rules.SetRulePrioritiesRequest)))
            .Add("RegisterTargets", json.RegisterTargetsResponse, p => elb.RegisterTargets(Read(p, json.RegisterTargetsRequest)))
            .Add("DeregisterTargets", json.DeregisterTargetsResponse, p => elb.DeregisterTargets(Read(p, json.DeregisterTargetsRequest)))
            .Add("DescribeTargetHealth", json.DescribeTargetHealthResponse, p => elb.DescribeTargetHealth(Read(p, json.DescribeTargetHealthRequest)))
            .Add("AddTags", rules.AddTagsResponse, p => elb.AddTags(Read(p, rules.AddTagsRequest)))
            .Add("RemoveTags", rules.RemoveTagsResponse, p => elb.RemoveTags(Read(p, rules.RemoveTagsRequest)))
            .Add("DescribeTags", rules.DescribeTagsResponse, p => elb.DescribeTags(Read(p, rules.DescribeTagsRequest)))
            .Add("SetSubnets", rules.SetSubnetsResponse, p => elb.SetSubnets(Read(p, rules.SetSubnetsRequest)))
            .Add("SetSecurityGroups", rules.SetSecurityGroupsResponse, p => elb.SetSecurityGroups(Read(p, rules.SetSecurityGroupsRequest)))
            .Add("SetIpAddressType", rules.SetIpAddressTypeResponse, p => elb.SetIpAddressType(Read(p, rules.SetIpAddressTypeRequest)));
    }

    private static T Read<T>(AwsQueryParameters parameters, JsonTypeInfo<T> type)
    {
        try
        {
            return AwsQuerySerializer.Deserialize(parameters.All, type);
        }
        catch (AwsShapeFormatException e)
        {
            throw ElbErrors.Validation(e.Message);
        }
    }

    /// <summary>
    /// The engine's operation tables are synchronous; the few operations that open or close a socket finish
    /// here, on the request's thread-pool thread (no synchronization context, so no deadlock).
    /// </summary>
    private static T Wait<T>(Task<T> operation) => operation.GetAwaiter().GetResult();
}
