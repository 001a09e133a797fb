using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

/// <summary>
/// Shape metadata for Elastic Load Balancing v2's awsQuery wire. The JSON property names are the model's member names;
/// <see cref="AwsQuerySerializer"/> and <see cref="AwsXmlShapeSerializer"/> walk this metadata to write Query
/// parameters and read XML results, so the records carry no protocol code of their own.
/// Timestamps stay ISO 8601, as in the XML.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateLoadBalancerRequest))]
[JsonSerializable(typeof(CreateLoadBalancerResponse))]
[JsonSerializable(typeof(DescribeLoadBalancersRequest))]
[JsonSerializable(typeof(DescribeLoadBalancersResponse))]
[JsonSerializable(typeof(DeleteLoadBalancerRequest))]
[JsonSerializable(typeof(DeleteLoadBalancerResponse))]
[JsonSerializable(typeof(CreateTargetGroupRequest))]
[JsonSerializable(typeof(CreateTargetGroupResponse))]
[JsonSerializable(typeof(DescribeTargetGroupsRequest))]
[JsonSerializable(typeof(DescribeTargetGroupsResponse))]
[JsonSerializable(typeof(ModifyTargetGroupAttributesRequest))]
[JsonSerializable(typeof(ModifyTargetGroupAttributesResponse))]
[JsonSerializable(typeof(DescribeTargetGroupAttributesRequest))]
[JsonSerializable(typeof(DescribeTargetGroupAttributesResponse))]
[JsonSerializable(typeof(DeleteTargetGroupRequest))]
[JsonSerializable(typeof(DeleteTargetGroupResponse))]
[JsonSerializable(typeof(CreateListenerRequest))]
[JsonSerializable(typeof(CreateListenerResponse))]
[JsonSerializable(typeof(DescribeListenersRequest))]
[JsonSerializable(typeof(DescribeListenersResponse))]
[JsonSerializable(typeof(DeleteListenerRequest))]
[JsonSerializable(typeof(DeleteListenerResponse))]
[JsonSerializable(typeof(RegisterTargetsRequest))]
[JsonSerializable(typeof(RegisterTargetsResponse))]
[JsonSerializable(typeof(DeregisterTargetsRequest))]
[JsonSerializable(typeof(DeregisterTargetsResponse))]
[JsonSerializable(typeof(DescribeTargetHealthRequest))]
[JsonSerializable(typeof(DescribeTargetHealthResponse))]
public sealed partial class ElasticLoadBalancingV2JsonContext : JsonSerializerContext;
