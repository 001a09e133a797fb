using System.Text.Json.Serialization;
using Fargo.Aws.ApplicationAutoScaling;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>
/// How Application Auto Scaling's records are kept in state.db: the API's own shapes (a scalable target, a policy,
/// an activity are exactly what the Describe operations answer), camelCase, absent members left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScalableTarget))]
[JsonSerializable(typeof(ScalingPolicy))]
[JsonSerializable(typeof(ScalingActivity))]
internal sealed partial class ScalingStateJsonContext : JsonSerializerContext;
