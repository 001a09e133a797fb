using Fargo.Aws.CloudFormation;

namespace Fargo.Deploy.Stacks;

/// <summary>The CloudFormation operations the stack deployer uses: change sets, stacks and their events.</summary>
public interface ICloudFormationApi
{
    Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken);

    Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken);

    Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken);

    Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken);

    Task<ExecuteChangeSetResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken);

    Task<DeleteChangeSetResponse> DeleteChangeSetAsync(DeleteChangeSetRequest request, CancellationToken cancellationToken);

    Task<DeleteStackResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken);

    Task<ListStackResourcesResponse> ListStackResourcesAsync(ListStackResourcesRequest request, CancellationToken cancellationToken);
}

/// <summary><see cref="ICloudFormationApi"/> over Fargo.Aws's client.</summary>
public sealed class CloudFormationApi(CloudFormationClient client) : ICloudFormationApi
{
    public Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken) => client.DescribeStacksAsync(request, cancellationToken);

    public Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken) => client.DescribeStackEventsAsync(request, cancellationToken);

    public Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken) => client.CreateChangeSetAsync(request, cancellationToken);

    public Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken) => client.DescribeChangeSetAsync(request, cancellationToken);

    public Task<ExecuteChangeSetResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken) => client.ExecuteChangeSetAsync(request, cancellationToken);

    public Task<DeleteChangeSetResponse> DeleteChangeSetAsync(DeleteChangeSetRequest request, CancellationToken cancellationToken) => client.DeleteChangeSetAsync(request, cancellationToken);

    public Task<DeleteStackResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken) => client.DeleteStackAsync(request, cancellationToken);

    public Task<ListStackResourcesResponse> ListStackResourcesAsync(ListStackResourcesRequest request, CancellationToken cancellationToken) => client.ListStackResourcesAsync(request, cancellationToken);
}
