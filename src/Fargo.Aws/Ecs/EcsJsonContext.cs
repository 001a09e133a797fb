using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

/// <summary>
/// System.Text.Json metadata for ECS's awsJson1_1 wire: member names exactly as in the model
/// (camelCase), absent members omitted, timestamps as epoch seconds.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(RegisterTaskDefinitionRequest))]
[JsonSerializable(typeof(RegisterTaskDefinitionResponse))]
[JsonSerializable(typeof(DescribeTaskDefinitionRequest))]
[JsonSerializable(typeof(DescribeTaskDefinitionResponse))]
[JsonSerializable(typeof(ListTaskDefinitionsRequest))]
[JsonSerializable(typeof(ListTaskDefinitionsResponse))]
[JsonSerializable(typeof(DeregisterTaskDefinitionRequest))]
[JsonSerializable(typeof(DeregisterTaskDefinitionResponse))]
[JsonSerializable(typeof(CreateClusterRequest))]
[JsonSerializable(typeof(CreateClusterResponse))]
[JsonSerializable(typeof(DescribeClustersRequest))]
[JsonSerializable(typeof(DescribeClustersResponse))]
[JsonSerializable(typeof(ListClustersRequest))]
[JsonSerializable(typeof(ListClustersResponse))]
[JsonSerializable(typeof(DeleteClusterRequest))]
[JsonSerializable(typeof(DeleteClusterResponse))]
[JsonSerializable(typeof(CreateServiceRequest))]
[JsonSerializable(typeof(CreateServiceResponse))]
[JsonSerializable(typeof(UpdateServiceRequest))]
[JsonSerializable(typeof(UpdateServiceResponse))]
[JsonSerializable(typeof(DescribeServicesRequest))]
[JsonSerializable(typeof(DescribeServicesResponse))]
[JsonSerializable(typeof(ListServicesRequest))]
[JsonSerializable(typeof(ListServicesResponse))]
[JsonSerializable(typeof(DeleteServiceRequest))]
[JsonSerializable(typeof(DeleteServiceResponse))]
[JsonSerializable(typeof(RunTaskRequest))]
[JsonSerializable(typeof(RunTaskResponse))]
[JsonSerializable(typeof(StopTaskRequest))]
[JsonSerializable(typeof(StopTaskResponse))]
[JsonSerializable(typeof(ListTasksRequest))]
[JsonSerializable(typeof(ListTasksResponse))]
[JsonSerializable(typeof(DescribeTasksRequest))]
[JsonSerializable(typeof(DescribeTasksResponse))]
[JsonSerializable(typeof(TagResourceRequest))]
[JsonSerializable(typeof(TagResourceResponse))]
[JsonSerializable(typeof(PutClusterCapacityProvidersRequest))]
[JsonSerializable(typeof(PutClusterCapacityProvidersResponse))]
[JsonSerializable(typeof(UntagResourceRequest))]
[JsonSerializable(typeof(UntagResourceResponse))]
[JsonSerializable(typeof(ListTagsForResourceRequest))]
[JsonSerializable(typeof(ListTagsForResourceResponse))]
[JsonSerializable(typeof(UpdateClusterRequest))]
[JsonSerializable(typeof(UpdateClusterResponse))]
[JsonSerializable(typeof(UpdateClusterSettingsRequest))]
[JsonSerializable(typeof(UpdateClusterSettingsResponse))]
[JsonSerializable(typeof(CreateCapacityProviderRequest))]
[JsonSerializable(typeof(CreateCapacityProviderResponse))]
[JsonSerializable(typeof(DescribeCapacityProvidersRequest))]
[JsonSerializable(typeof(DescribeCapacityProvidersResponse))]
[JsonSerializable(typeof(DeleteCapacityProviderRequest))]
[JsonSerializable(typeof(DeleteCapacityProviderResponse))]
[JsonSerializable(typeof(UpdateCapacityProviderRequest))]
[JsonSerializable(typeof(UpdateCapacityProviderResponse))]
public sealed partial class EcsJsonContext : JsonSerializerContext;
