using Fargo.Aws;
using Fargo.Aws.CloudFormation;
using Fargo.Deploy.Stacks;
using Fargo.Deploy.Tests.Support;

namespace Fargo.Deploy.Tests.Stacks;

/// <summary>
/// The stack deployer against a fake CloudFormation. The responses are hand-made in CloudFormation's shapes and words
/// (statuses, the "didn't contain changes" reason, ValidationError "does not exist"), after AWS's documentation and
/// ../shared/reference/cloudformation-semantics.md; none is a recording of AWS.
/// </summary>
public sealed class StackDeployerTests
{
    private const string StackId = "arn:aws:cloudformation:local:000000000000:stack/fargo-local-todo-api/7f1e9a50-0000-4000-8000-000000000001";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static StackDeployment Deployment => new(
        "fargo-local-todo-api",
        "{\"Resources\":{}}",
        new Dictionary<string, string> { ["Image"] = "" },
        ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"]);

    [Fact]
    public async Task A_new_stack_is_created_through_a_CREATE_change_set_and_its_events_are_reported_oldest_first()
    {
        var clock = new FakeClock(Start);
        var cloudFormation = new FakeCloudFormation(clock) { Exists = false };
        var reported = new List<string>();

        var result = await new StackDeployer(cloudFormation, clock).DeployAsync(Deployment, new SyncProgress<StackEvent>(e => reported.Add($"{e.LogicalResourceId} {e.ResourceStatus}")), CancellationToken.None);

        Assert.Equal(StackOutcome.Created, result.Outcome);
        Assert.Equal(ChangeSetType.Create, cloudFormation.Created!.ChangeSetType);
        Assert.Equal(["Image="], cloudFormation.Created.Parameters!.Select(p => $"{p.ParameterKey}={p.ParameterValue}"));
        Assert.Equal("http://127.0.0.1:10080", result.Outputs["Url"]);
        Assert.Equal(
            ["fargo-local-todo-api CREATE_IN_PROGRESS", "Cluster CREATE_IN_PROGRESS", "Cluster CREATE_COMPLETE", "fargo-local-todo-api CREATE_COMPLETE"],
            reported);
        Assert.Contains("ExecuteChangeSet", cloudFormation.Calls);
    }

    [Fact]
    public async Task A_change_set_that_didnt_contain_changes_is_deleted_and_nothing_is_executed()
    {
        var clock = new FakeClock(Start);
        var cloudFormation = new FakeCloudFormation(clock)
        {
            Exists = true,
            ChangeSetFailure = "The submitted information didn't contain changes. Submit different information to create a change set.",
        };

        var result = await new StackDeployer(cloudFormation, clock).DeployAsync(Deployment, null, CancellationToken.None);

        Assert.Equal(StackOutcome.Unchanged, result.Outcome);
        Assert.Equal(ChangeSetType.Update, cloudFormation.Created!.ChangeSetType);
        Assert.Contains("DeleteChangeSet", cloudFormation.Calls);
        Assert.DoesNotContain("ExecuteChangeSet", cloudFormation.Calls);
        Assert.Equal("http://127.0.0.1:10080", result.Outputs["Url"]);
    }

    [Fact]
    public async Task A_failed_update_is_an_error_that_names_the_failed_resources_reasons_from_the_events()
    {
        var clock = new FakeClock(Start);
        var cloudFormation = new FakeCloudFormation(clock) { Exists = true, FailWith = "Resource handler returned message: \"Invalid request provided: port 99999\"" };

        var error = await Assert.ThrowsAsync<StackDeployException>(() => new StackDeployer(cloudFormation, clock).DeployAsync(Deployment, null, CancellationToken.None));

        Assert.Equal("Stack fargo-local-todo-api could not be updated: UPDATE_ROLLBACK_COMPLETE", error.Message);
        Assert.Equal(["Cluster (AWS::ECS::Cluster): Resource handler returned message: \"Invalid request provided: port 99999\""], error.Reasons);
    }

    [Fact]
    public async Task Deleting_a_stack_that_does_not_exist_changes_nothing()
    {
        var clock = new FakeClock(Start);
        var cloudFormation = new FakeCloudFormation(clock) { Exists = false };

        var result = await new StackDeployer(cloudFormation, clock).DeleteAsync("fargo-local-todo-api", null, CancellationToken.None);

        Assert.Equal(StackOutcome.Absent, result.Outcome);
        Assert.DoesNotContain("DeleteStack", cloudFormation.Calls);
    }

    /// <summary>Reports synchronously, so that the order of reports is the order of events.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>One stack whose operations complete after one look "in progress".</summary>
    private sealed class FakeCloudFormation(FakeClock clock) : ICloudFormationApi
    {
        private readonly List<StackEvent> _events = [];
        private int _looks;
        private bool _updating;

        public bool Exists { get; set; }

        public string? ChangeSetFailure { get; init; }

        public string? FailWith { get; init; }

        public CreateChangeSetRequest? Created { get; private set; }

        public List<string> Calls { get; } = [];

        public Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken)
        {
            Calls.Add("DescribeStacks");
            if (!Exists)
            {
                throw new AwsServiceException("CloudFormation", "DescribeStacks", "ValidationError", $"Stack with id {request.StackName} does not exist", null, 400);
            }

            StackStatus status;
            if (_updating && _looks++ == 0)
            {
                status = Created!.ChangeSetType == ChangeSetType.Create ? StackStatus.CreateInProgress : StackStatus.UpdateInProgress;
            }
            else if (_updating)
            {
                status = Created!.ChangeSetType == ChangeSetType.Create ? StackStatus.CreateComplete : FailWith is null ? StackStatus.UpdateComplete : StackStatus.UpdateRollbackComplete;
                Event(Deployment.StackName, "AWS::CloudFormation::Stack", status.Value, null);
                _updating = false;
            }
            else
            {
                status = StackStatus.UpdateComplete;
            }

            return Task.FromResult(new DescribeStacksResponse
            {
                Stacks = [new Stack
                {
                    StackId = StackId,
                    StackName = Deployment.StackName,
                    CreationTime = Start,
                    StackStatus = status,
                    Outputs = [new Output { OutputKey = "Url", OutputValue = "http://127.0.0.1:10080" }],
                }],
            });
        }

        public Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new DescribeStackEventsResponse { StackEvents = [.. Enumerable.Reverse(_events)] });

        public Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken)
        {
            Calls.Add("CreateChangeSet");
            Created = request;
            return Task.FromResult(new CreateChangeSetResponse { Id = $"arn:aws:cloudformation:local:000000000000:changeSet/{request.ChangeSetName}/1", StackId = StackId });
        }

        public Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken)
        {
            Calls.Add("DescribeChangeSet");
            var pending = Calls.Count(c => c == "DescribeChangeSet") == 1;
            return Task.FromResult(new DescribeChangeSetResponse
            {
                ChangeSetId = request.ChangeSetName,
                StackId = StackId,
                Status = pending ? ChangeSetStatus.CreatePending : ChangeSetFailure is null ? ChangeSetStatus.CreateComplete : ChangeSetStatus.Failed,
                StatusReason = pending ? null : ChangeSetFailure,
                ExecutionStatus = ChangeSetFailure is null ? ExecutionStatus.Available : ExecutionStatus.Unavailable,
            });
        }

        public Task<ExecuteChangeSetResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken)
        {
            Calls.Add("ExecuteChangeSet");
            clock.UtcNow += TimeSpan.FromSeconds(1);
            var creating = Created!.ChangeSetType == ChangeSetType.Create;
            Exists = true;
            _updating = true;
            Event(Deployment.StackName, "AWS::CloudFormation::Stack", creating ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", "User Initiated");
            Event("Cluster", "AWS::ECS::Cluster", creating ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", null);
            Event("Cluster", "AWS::ECS::Cluster", FailWith is null ? (creating ? "CREATE_COMPLETE" : "UPDATE_COMPLETE") : "UPDATE_FAILED", FailWith);
            return Task.FromResult(new ExecuteChangeSetResponse());
        }

        public Task<DeleteChangeSetResponse> DeleteChangeSetAsync(DeleteChangeSetRequest request, CancellationToken cancellationToken)
        {
            Calls.Add("DeleteChangeSet");
            return Task.FromResult(new DeleteChangeSetResponse());
        }

        public Task<DeleteStackResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken)
        {
            Calls.Add("DeleteStack");
            return Task.FromResult(new DeleteStackResponse());
        }

        public Task<ListStackResourcesResponse> ListStackResourcesAsync(ListStackResourcesRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ListStackResourcesResponse { StackResourceSummaries = [] });

        private void Event(string logicalId, string type, string status, string? reason) => _events.Add(new StackEvent
        {
            StackId = StackId,
            EventId = Guid.NewGuid().ToString(),
            StackName = Deployment.StackName,
            LogicalResourceId = logicalId,
            ResourceType = type,
            Timestamp = clock.UtcNow,
            ResourceStatus = ResourceStatus.FromWire(status),
            ResourceStatusReason = reason,
        });
    }
}
