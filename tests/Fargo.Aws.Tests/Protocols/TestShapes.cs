using System.Text.Json.Serialization;

namespace Fargo.Aws.Tests.Protocols;

internal sealed record ListClustersRequest(int? MaxResults = null, string? NextToken = null);

internal sealed record ListClustersResponse(List<string>? ClusterArns = null, string? NextToken = null);

internal sealed record EmptyResponse;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListClustersRequest))]
[JsonSerializable(typeof(ListClustersResponse))]
[JsonSerializable(typeof(EmptyResponse))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
