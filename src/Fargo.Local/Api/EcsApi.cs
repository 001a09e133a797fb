using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Local.Ecs;

namespace Fargo.Local.Api;

/// <summary>ECS's operations on the wire, served by the <see cref="EcsControlPlane"/>.</summary>
internal static class EcsApi
{
    public static JsonOperationTable Create(EcsControlPlane ecs)
    {
        var json = EcsJsonContext.Default;
        return new JsonOperationTable(AwsServices.Ecs)
            .Add("RegisterTaskDefinition", json.RegisterTaskDefinitionRequest, json.RegisterTaskDefinitionResponse, ecs.RegisterTaskDefinition)
            .Add("DescribeTaskDefinition", json.DescribeTaskDefinitionRequest, json.DescribeTaskDefinitionResponse, ecs.DescribeTaskDefinition)
            .Add("ListTaskDefinitions", json.ListTaskDefinitionsRequest, json.ListTaskDefinitionsResponse, ecs.ListTaskDefinitions)
            .Add("DeregisterTaskDefinition", json.DeregisterTaskDefinitionRequest, json.DeregisterTaskDefinitionResponse, ecs.DeregisterTaskDefinition)
            .Add("CreateCluster", json.CreateClusterRequest, json.CreateClusterResponse, ecs.CreateCluster)
            .Add("DescribeClusters", json.DescribeClustersRequest, json.DescribeClustersResponse, ecs.DescribeClusters)
            .Add("ListClusters", json.ListClustersRequest, json.ListClustersResponse, ecs.ListClusters)
            .Add("DeleteCluster", json.DeleteClusterRequest, json.DeleteClusterResponse, ecs.DeleteCluster)
            .Add("CreateService", json.CreateServiceRequest, json.CreateServiceResponse, ecs.CreateService)
            .Add("UpdateService", json.UpdateServiceRequest, json.UpdateServiceResponse, ecs.UpdateService)
            .Add("DescribeServices", json.DescribeServicesRequest, json.DescribeServicesResponse, ecs.DescribeServices)
            .Add("ListServices", json.ListServicesRequest, json.ListServicesResponse, ecs.ListServices)
            .Add("DeleteService", json.DeleteServiceRequest, json.DeleteServiceResponse, ecs.DeleteService)
            .Add("RunTask", json.RunTaskRequest, json.RunTaskResponse, ecs.RunTask)
            .Add("StopTask", json.StopTaskRequest, json.StopTaskResponse, ecs.StopTask)
            .Add("ListTasks", json.ListTasksRequest, json.ListTasksResponse, ecs.ListTasks)
            .Add("DescribeTasks", json.DescribeTasksRequest, json.DescribeTasksResponse, ecs.DescribeTasks)
            .Add("TagResource", json.TagResourceRequest, json.TagResourceResponse, ecs.TagResource)
            .Add("UntagResource", json.UntagResourceRequest, json.UntagResourceResponse, ecs.UntagResource)
            .Add("ListTagsForResource", json.ListTagsForResourceRequest, json.ListTagsForResourceResponse, ecs.ListTagsForResource)
            .Add("UpdateCluster", json.UpdateClusterRequest, json.UpdateClusterResponse, ecs.UpdateCluster)
            .Add("UpdateClusterSettings", json.UpdateClusterSettingsRequest, json.UpdateClusterSettingsResponse, ecs.UpdateClusterSettings)
            .Add("PutClusterCapacityProviders", json.PutClusterCapacityProvidersRequest, json.PutClusterCapacityProvidersResponse, ecs.PutClusterCapacityProviders)
            .Add("CreateCapacityProvider", json.CreateCapacityProviderRequest, json.CreateCapacityProviderResponse, ecs.CreateCapacityProvider)
            .Add("DescribeCapacityProviders", json.DescribeCapacityProvidersRequest, json.DescribeCapacityProvidersResponse, ecs.DescribeCapacityProviders)
            .Add("UpdateCapacityProvider", json.UpdateCapacityProviderRequest, json.UpdateCapacityProviderResponse, ecs.UpdateCapacityProvider)
            .Add("DeleteCapacityProvider", json.DeleteCapacityProviderRequest, json.DeleteCapacityProviderResponse, ecs.DeleteCapacityProvider);
    }
}
