using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

/// <summary>
/// System.Text.Json metadata for Application Auto Scaling's awsJson1_1 wire: member names exactly as in the model
/// (PascalCase), absent members omitted, timestamps as epoch seconds.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(RegisterScalableTargetRequest))]
[JsonSerializable(typeof(RegisterScalableTargetResponse))]
[JsonSerializable(typeof(PutScalingPolicyRequest))]
[JsonSerializable(typeof(PutScalingPolicyResponse))]
[JsonSerializable(typeof(DescribeScalableTargetsRequest))]
[JsonSerializable(typeof(DescribeScalableTargetsResponse))]
[JsonSerializable(typeof(DescribeScalingPoliciesRequest))]
[JsonSerializable(typeof(DescribeScalingPoliciesResponse))]
[JsonSerializable(typeof(DescribeScalingActivitiesRequest))]
[JsonSerializable(typeof(DescribeScalingActivitiesResponse))]
[JsonSerializable(typeof(DeregisterScalableTargetRequest))]
[JsonSerializable(typeof(DeregisterScalableTargetResponse))]
[JsonSerializable(typeof(DeleteScalingPolicyRequest))]
[JsonSerializable(typeof(DeleteScalingPolicyResponse))]
public sealed partial class ApplicationAutoScalingJsonContext : JsonSerializerContext;
