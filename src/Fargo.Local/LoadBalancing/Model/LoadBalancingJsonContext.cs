using System.Text.Json.Serialization;

namespace Fargo.Local.LoadBalancing.Model;

/// <summary>How the load balancer's records are stored in state.db (not a wire format).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadBalancerRecord))]
[JsonSerializable(typeof(ListenerRecord))]
[JsonSerializable(typeof(RuleRecord))]
[JsonSerializable(typeof(TargetGroupRecord))]
[JsonSerializable(typeof(TargetRecord))]
internal sealed partial class LoadBalancingJsonContext : JsonSerializerContext;
