using Fargo.Aws;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Support;

/// <summary>
/// Fake AWS services for tests: every operation a test does not set up fails loudly, so a test never passes by
/// accident on an unexpected call. Set the delegates a test needs.
/// </summary>
internal sealed class TestApis : IEcsApi, IElbApi, IEcrApi, ISsmApi, ILogsApi, IStsApi
{
    public List<string> Calls { get; } = [];

    public Func<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>? RegisterTaskDefinition { get; set; }
    public Func<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>? DescribeTaskDefinition { get; set; }
    public Func<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse>? ListTaskDefinitions { get; set; }
    public Func<UpdateServiceRequest, UpdateServiceResponse>? UpdateService { get; set; }
    public Func<DescribeServicesRequest, DescribeServicesResponse>? DescribeServices { get; set; }
    public Func<ListTasksRequest, ListTasksResponse>? ListTasks { get; set; }
    public Func<DescribeTasksRequest, DescribeTasksResponse>? DescribeTasks { get; set; }
    public Func<RunTaskRequest, RunTaskResponse>? RunTask { get; set; }
    public Func<DescribeTargetHealthRequest, DescribeTargetHealthResponse>? DescribeTargetHealth { get; set; }
    public Func<DescribeImagesRequest, DescribeImagesResponse>? DescribeImages { get; set; }
    public Func<BatchGetImageRequest, BatchGetImageResponse>? BatchGetImage { get; set; }
    public Func<PutImageRequest, PutImageResponse>? PutImage { get; set; }
    public Func<PutParameterRequest, PutParameterResponse>? PutParameter { get; set; }
    public Func<GetParametersRequest, GetParametersResponse>? GetParameters { get; set; }
    public Func<DescribeParametersRequest, DescribeParametersResponse>? DescribeParameters { get; set; }
    public Func<DeleteParameterRequest, DeleteParameterResponse>? DeleteParameter { get; set; }
    public Func<FilterLogEventsRequest, FilterLogEventsResponse>? FilterLogEvents { get; set; }
    public Func<DescribeLogGroupsRequest, DescribeLogGroupsResponse>? DescribeLogGroups { get; set; }
    public Func<GetCallerIdentityRequest, GetCallerIdentityResponse>? GetCallerIdentity { get; set; }

    public ServiceApis Apis => new(this, this, this, this, this, this);

    public static DeployTarget Target(TestApis apis, ServiceSpec? spec = null, TargetEnvironment? environment = null) =>
        new(environment ?? new TargetEnvironment("qa", false, "111111111111", "us-east-1", false), spec ?? Spec(), apis.Apis)
        {
            PollInterval = TimeSpan.FromSeconds(5),
        };

    public static ServiceSpec Spec() => new()
    {
        Name = "todo-api",
        Cluster = "fargo-qa",
        Service = "todo-api",
        TaskFamily = "todo-api-qa",
        ContainerName = "todo-api",
        Port = 8080,
        LogGroup = "/fargo/qa/todo-api",
        LogStreamPrefix = "todo-api",
        Repository = "todo-api",
        SecretsPath = "/todo-api",
        DeployTimeout = TimeSpan.FromMinutes(15),
    };

    public static AwsServiceException Error(string operation, string code, int status = 400, string message = "error") =>
        new("ECS", operation, code, message, "00000000-0000-0000-0000-000000000000", status);

    private Task<T> Call<TRequest, T>(string name, Func<TRequest, T>? handler, TRequest request)
    {
        Calls.Add(name);
        return handler is null
            ? throw new InvalidOperationException($"The test did not expect {name}.")
            : Task.FromResult(handler(request));
    }

    public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken) => Call("RegisterTaskDefinition", RegisterTaskDefinition, request);
    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken) => Call("DescribeTaskDefinition", DescribeTaskDefinition, request);
    public Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken) => Call("ListTaskDefinitions", ListTaskDefinitions, request);
    public Task<CreateClusterResponse> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken) => Call<CreateClusterRequest, CreateClusterResponse>("CreateCluster", null, request);
    public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken) => Call<DescribeClustersRequest, DescribeClustersResponse>("DescribeClusters", null, request);
    public Task<DeleteClusterResponse> DeleteClusterAsync(DeleteClusterRequest request, CancellationToken cancellationToken) => Call<DeleteClusterRequest, DeleteClusterResponse>("DeleteCluster", null, request);
    public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) => Call<CreateServiceRequest, CreateServiceResponse>("CreateService", null, request);
    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) => Call("UpdateService", UpdateService, request);
    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken) => Call("DescribeServices", DescribeServices, request);
    public Task<DeleteServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken cancellationToken) => Call<DeleteServiceRequest, DeleteServiceResponse>("DeleteService", null, request);
    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken) => Call("RunTask", RunTask, request);
    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken) => Call<StopTaskRequest, StopTaskResponse>("StopTask", null, request);
    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken) => Call("ListTasks", ListTasks, request);
    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken) => Call("DescribeTasks", DescribeTasks, request);
    public Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken) => Call("DescribeTargetHealth", DescribeTargetHealth, request);
    public Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken) => Call<DescribeTargetGroupsRequest, DescribeTargetGroupsResponse>("DescribeTargetGroups", null, request);
    public Task<CreateTargetGroupResponse> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken cancellationToken) => Call<CreateTargetGroupRequest, CreateTargetGroupResponse>("CreateTargetGroup", null, request);
    public Task<ModifyTargetGroupAttributesResponse> ModifyTargetGroupAttributesAsync(ModifyTargetGroupAttributesRequest request, CancellationToken cancellationToken) => Call<ModifyTargetGroupAttributesRequest, ModifyTargetGroupAttributesResponse>("ModifyTargetGroupAttributes", null, request);
    public Task<DeleteTargetGroupResponse> DeleteTargetGroupAsync(DeleteTargetGroupRequest request, CancellationToken cancellationToken) => Call<DeleteTargetGroupRequest, DeleteTargetGroupResponse>("DeleteTargetGroup", null, request);
    public Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken) => Call<DescribeLoadBalancersRequest, DescribeLoadBalancersResponse>("DescribeLoadBalancers", null, request);
    public Task<CreateLoadBalancerResponse> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken cancellationToken) => Call<CreateLoadBalancerRequest, CreateLoadBalancerResponse>("CreateLoadBalancer", null, request);
    public Task<DeleteLoadBalancerResponse> DeleteLoadBalancerAsync(DeleteLoadBalancerRequest request, CancellationToken cancellationToken) => Call<DeleteLoadBalancerRequest, DeleteLoadBalancerResponse>("DeleteLoadBalancer", null, request);
    public Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken) => Call<DescribeListenersRequest, DescribeListenersResponse>("DescribeListeners", null, request);
    public Task<CreateListenerResponse> CreateListenerAsync(CreateListenerRequest request, CancellationToken cancellationToken) => Call<CreateListenerRequest, CreateListenerResponse>("CreateListener", null, request);
    public Task<DeleteListenerResponse> DeleteListenerAsync(DeleteListenerRequest request, CancellationToken cancellationToken) => Call<DeleteListenerRequest, DeleteListenerResponse>("DeleteListener", null, request);
    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken) => Call("DescribeImages", DescribeImages, request);
    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken) => Call("BatchGetImage", BatchGetImage, request);
    public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken) => Call("PutImage", PutImage, request);
    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken) => Call<CreateRepositoryRequest, CreateRepositoryResponse>("CreateRepository", null, request);
    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken) => Call<DescribeRepositoriesRequest, DescribeRepositoriesResponse>("DescribeRepositories", null, request);
    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken) => Call<GetAuthorizationTokenRequest, GetAuthorizationTokenResponse>("GetAuthorizationToken", null, request);
    public Task<PutParameterResponse> PutParameterAsync(PutParameterRequest request, CancellationToken cancellationToken) => Call("PutParameter", PutParameter, request);
    public Task<GetParametersResponse> GetParametersAsync(GetParametersRequest request, CancellationToken cancellationToken) => Call("GetParameters", GetParameters, request);
    public Task<DescribeParametersResponse> DescribeParametersAsync(DescribeParametersRequest request, CancellationToken cancellationToken) => Call("DescribeParameters", DescribeParameters, request);
    public Task<DeleteParameterResponse> DeleteParameterAsync(DeleteParameterRequest request, CancellationToken cancellationToken) => Call("DeleteParameter", DeleteParameter, request);
    public Task<CreateLogGroupResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken) => Call<CreateLogGroupRequest, CreateLogGroupResponse>("CreateLogGroup", null, request);
    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken) => Call("DescribeLogGroups", DescribeLogGroups, request);
    public Task<PutRetentionPolicyResponse> PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken cancellationToken) => Call<PutRetentionPolicyRequest, PutRetentionPolicyResponse>("PutRetentionPolicy", null, request);
    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken) => Call("FilterLogEvents", FilterLogEvents, request);
    public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken) => Call("GetCallerIdentity", GetCallerIdentity, request);
}

/// <summary>A clock that never sleeps: waiting moves time forward, and every wait is recorded.</summary>
internal sealed class FakeClock(DateTimeOffset start) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = start;

    public List<TimeSpan> Delays { get; } = [];

    public Action? OnDelay { get; set; }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Delays.Add(delay);
        UtcNow += delay;
        OnDelay?.Invoke();
        return Task.CompletedTask;
    }
}
