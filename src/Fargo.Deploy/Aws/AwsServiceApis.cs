using Fargo.Aws.ApplicationAutoScaling;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Http;
using Fargo.Aws.Iam;
using Fargo.Aws.SecretsManager;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;

namespace Fargo.Deploy.Aws;

/// <summary>
/// <see cref="ServiceApis"/> over Fargo.Aws's real clients, sharing one <see cref="AwsHttpClient"/> (one region,
/// one credential source, one endpoint resolution; the local region is just another endpoint).
/// </summary>
public sealed class AwsServiceApis : IDisposable
{
    private readonly AwsHttpClient _http;

    public AwsServiceApis(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsHttpClient(options);
        Apis = new ServiceApis(
            new EcsApi(new EcsClient(_http)),
            new ElbApi(new ElasticLoadBalancingV2Client(_http)),
            new EcrApi(new EcrClient(_http)),
            new SsmApi(new SsmClient(_http)),
            new LogsApi(new CloudWatchLogsClient(_http)),
            new StsApi(new StsClient(_http)))
        {
            CloudFormation = new Stacks.CloudFormationApi(new Fargo.Aws.CloudFormation.CloudFormationClient(_http)),
            Scaling = new ScalingApi(new ApplicationAutoScalingClient(_http)),
            SecretsManager = new SecretsManagerApi(new SecretsManagerClient(_http)),
            Iam = new IamApi(new IamClient(_http)),
        };
    }

    public ServiceApis Apis { get; }

    public AwsClientOptions Options => _http.Options;

    public void Dispose() => _http.Dispose();

    private sealed class EcsApi(EcsClient client) : IEcsApi
    {
        public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken) => client.RegisterTaskDefinitionAsync(request, cancellationToken);

        public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken) => client.DescribeTaskDefinitionAsync(request, cancellationToken);

        public Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken) => client.ListTaskDefinitionsAsync(request, cancellationToken);

        public Task<CreateClusterResponse> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken) => client.CreateClusterAsync(request, cancellationToken);

        public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken) => client.DescribeClustersAsync(request, cancellationToken);

        public Task<DeleteClusterResponse> DeleteClusterAsync(DeleteClusterRequest request, CancellationToken cancellationToken) => client.DeleteClusterAsync(request, cancellationToken);

        public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) => client.CreateServiceAsync(request, cancellationToken);

        public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) => client.UpdateServiceAsync(request, cancellationToken);

        public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken) => client.DescribeServicesAsync(request, cancellationToken);

        public Task<DeleteServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken cancellationToken) => client.DeleteServiceAsync(request, cancellationToken);

        public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken) => client.RunTaskAsync(request, cancellationToken);

        public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken) => client.StopTaskAsync(request, cancellationToken);

        public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken) => client.ListTasksAsync(request, cancellationToken);

        public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken) => client.DescribeTasksAsync(request, cancellationToken);
    }

    private sealed class ElbApi(ElasticLoadBalancingV2Client client) : IElbApi
    {
        public Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken) => client.DescribeTargetHealthAsync(request, cancellationToken);

        public Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken) => client.DescribeTargetGroupsAsync(request, cancellationToken);

        public Task<CreateTargetGroupResponse> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken cancellationToken) => client.CreateTargetGroupAsync(request, cancellationToken);

        public Task<ModifyTargetGroupAttributesResponse> ModifyTargetGroupAttributesAsync(ModifyTargetGroupAttributesRequest request, CancellationToken cancellationToken) => client.ModifyTargetGroupAttributesAsync(request, cancellationToken);

        public Task<DeleteTargetGroupResponse> DeleteTargetGroupAsync(DeleteTargetGroupRequest request, CancellationToken cancellationToken) => client.DeleteTargetGroupAsync(request, cancellationToken);

        public Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken) => client.DescribeLoadBalancersAsync(request, cancellationToken);

        public Task<CreateLoadBalancerResponse> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken cancellationToken) => client.CreateLoadBalancerAsync(request, cancellationToken);

        public Task<DeleteLoadBalancerResponse> DeleteLoadBalancerAsync(DeleteLoadBalancerRequest request, CancellationToken cancellationToken) => client.DeleteLoadBalancerAsync(request, cancellationToken);

        public Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken) => client.DescribeListenersAsync(request, cancellationToken);

        public Task<CreateListenerResponse> CreateListenerAsync(CreateListenerRequest request, CancellationToken cancellationToken) => client.CreateListenerAsync(request, cancellationToken);

        public Task<DeleteListenerResponse> DeleteListenerAsync(DeleteListenerRequest request, CancellationToken cancellationToken) => client.DeleteListenerAsync(request, cancellationToken);
    }

    private sealed class EcrApi(EcrClient client) : IEcrApi
    {
        public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken) => client.DescribeImagesAsync(request, cancellationToken);

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken) => client.BatchGetImageAsync(request, cancellationToken);

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken) => client.PutImageAsync(request, cancellationToken);

        public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken) => client.CreateRepositoryAsync(request, cancellationToken);

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken) => client.DescribeRepositoriesAsync(request, cancellationToken);

        public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken) => client.GetAuthorizationTokenAsync(request, cancellationToken);
    }

    private sealed class SsmApi(SsmClient client) : ISsmApi
    {
        public Task<PutParameterResponse> PutParameterAsync(PutParameterRequest request, CancellationToken cancellationToken) => client.PutParameterAsync(request, cancellationToken);

        public Task<GetParametersResponse> GetParametersAsync(GetParametersRequest request, CancellationToken cancellationToken) => client.GetParametersAsync(request, cancellationToken);

        public Task<DescribeParametersResponse> DescribeParametersAsync(DescribeParametersRequest request, CancellationToken cancellationToken) => client.DescribeParametersAsync(request, cancellationToken);

        public Task<DeleteParameterResponse> DeleteParameterAsync(DeleteParameterRequest request, CancellationToken cancellationToken) => client.DeleteParameterAsync(request, cancellationToken);
    }

    private sealed class LogsApi(CloudWatchLogsClient client) : ILogsApi
    {
        public Task<CreateLogGroupResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken) => client.CreateLogGroupAsync(request, cancellationToken);

        public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken) => client.DescribeLogGroupsAsync(request, cancellationToken);

        public Task<PutRetentionPolicyResponse> PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken cancellationToken) => client.PutRetentionPolicyAsync(request, cancellationToken);

        public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken) => client.FilterLogEventsAsync(request, cancellationToken);
    }

    private sealed class ScalingApi(ApplicationAutoScalingClient client) : IScalingApi
    {
        public Task<DescribeScalableTargetsResponse> DescribeScalableTargetsAsync(DescribeScalableTargetsRequest request, CancellationToken cancellationToken) => client.DescribeScalableTargetsAsync(request, cancellationToken);

        public Task<DescribeScalingPoliciesResponse> DescribeScalingPoliciesAsync(DescribeScalingPoliciesRequest request, CancellationToken cancellationToken) => client.DescribeScalingPoliciesAsync(request, cancellationToken);

        public Task<DescribeScalingActivitiesResponse> DescribeScalingActivitiesAsync(DescribeScalingActivitiesRequest request, CancellationToken cancellationToken) => client.DescribeScalingActivitiesAsync(request, cancellationToken);
    }

    private sealed class SecretsManagerApi(SecretsManagerClient client) : ISecretsManagerApi
    {
        public Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken) => client.DescribeSecretAsync(request, cancellationToken);
    }

    private sealed class IamApi(IamClient client) : IIamApi
    {
        public IAsyncEnumerable<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyPagesAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken) =>
            client.SimulatePrincipalPolicyPagesAsync(request, cancellationToken);
    }

    private sealed class StsApi(StsClient client) : IStsApi
    {
        public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken) => client.GetCallerIdentityAsync(request, cancellationToken);
    }
}
