using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.SecretsManager;
using Fargo.Aws.Iam;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;

namespace Fargo.Deploy.Aws;

// The AWS operations Fargo.Deploy calls, one interface per service, so that every service of this
// project can be tested against recorded AWS responses without a network. The shapes are Fargo.Aws's
// own request and response records: the fakes speak exactly what AWS speaks.

/// <summary>The ECS operations deploys, rollbacks, status, run and the local topology use.</summary>
public interface IEcsApi
{
    Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken);

    Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken);

    Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken);

    Task<CreateClusterResponse> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken);

    Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken);

    Task<DeleteClusterResponse> DeleteClusterAsync(DeleteClusterRequest request, CancellationToken cancellationToken);

    Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken);

    Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken);

    Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken);

    Task<DeleteServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken cancellationToken);

    Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken);

    Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken);

    Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken);

    Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken);
}

/// <summary>The Elastic Load Balancing v2 operations: target health for the watcher, the rest for the local topology.</summary>
public interface IElbApi
{
    Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken);

    Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken);

    Task<CreateTargetGroupResponse> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken cancellationToken);

    Task<ModifyTargetGroupAttributesResponse> ModifyTargetGroupAttributesAsync(ModifyTargetGroupAttributesRequest request, CancellationToken cancellationToken);

    Task<DeleteTargetGroupResponse> DeleteTargetGroupAsync(DeleteTargetGroupRequest request, CancellationToken cancellationToken);

    Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken);

    Task<CreateLoadBalancerResponse> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken cancellationToken);

    Task<DeleteLoadBalancerResponse> DeleteLoadBalancerAsync(DeleteLoadBalancerRequest request, CancellationToken cancellationToken);

    Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken);

    Task<CreateListenerResponse> CreateListenerAsync(CreateListenerRequest request, CancellationToken cancellationToken);

    Task<DeleteListenerResponse> DeleteListenerAsync(DeleteListenerRequest request, CancellationToken cancellationToken);
}

/// <summary>The ECR operations: digests, manifests (promote) and repositories.</summary>
public interface IEcrApi
{
    Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken);

    Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken);

    Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken);

    Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken);

    Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken);

    /// <summary>A registry login (base64 of AWS:password) for docker/podman push and registry-to-registry copies.</summary>
    Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken);
}

/// <summary>The SSM Parameter Store operations: secrets by name, never by value (except writing one).</summary>
public interface ISsmApi
{
    Task<PutParameterResponse> PutParameterAsync(PutParameterRequest request, CancellationToken cancellationToken);

    Task<GetParametersResponse> GetParametersAsync(GetParametersRequest request, CancellationToken cancellationToken);

    Task<DescribeParametersResponse> DescribeParametersAsync(DescribeParametersRequest request, CancellationToken cancellationToken);

    Task<DeleteParameterResponse> DeleteParameterAsync(DeleteParameterRequest request, CancellationToken cancellationToken);
}

/// <summary>The Secrets Manager operations: whether the task's secrets exist (`fargo verify`), never their values.</summary>
public interface ISecretsManagerApi
{
    Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken);
}

/// <summary>The CloudWatch Logs operations: the service's log group and its events.</summary>
public interface ILogsApi
{
    Task<CreateLogGroupResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken);

    Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken);

    Task<PutRetentionPolicyResponse> PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken cancellationToken);

    Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken);
}

/// <summary>STS: who the credentials belong to, so a deploy never lands in the wrong account.</summary>
public interface IStsApi
{
    Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken);
}

/// <summary>IAM: `fargo verify`'s simulation of what the CI roles may do.</summary>
public interface IIamApi
{
    /// <summary>Every page of one simulation, in order.</summary>
    IAsyncEnumerable<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyPagesAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken);
}

/// <summary>The clients of one environment: one region, one set of credentials, one endpoint resolution.</summary>
public sealed record ServiceApis(IEcsApi Ecs, IElbApi Elb, IEcrApi Ecr, ISsmApi Ssm, ILogsApi Logs, IStsApi Sts)
{
    /// <summary>CloudFormation, for the stacks Fargo deploys itself (the local region's); null where nothing needs it.</summary>
    public Stacks.ICloudFormationApi? CloudFormation { get; init; }

    /// <summary>Application Auto Scaling, for the scaling state `fargo status` shows; null where nothing needs it.</summary>
    public IScalingApi? Scaling { get; init; }

    /// <summary>Secrets Manager, for `fargo verify`'s check of the task's Secrets Manager secrets; null where nothing needs it.</summary>
    public ISecretsManagerApi? SecretsManager { get; init; }

    /// <summary>IAM, for `fargo verify`'s check of the CI roles' permissions; null where nothing needs it.</summary>
    public IIamApi? Iam { get; init; }
}
