using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// The stack engine in-process, with recorded types and one slow handler: dependency order with independent
/// resources in parallel, replacement decided by create-only properties, change sets, deletion policies.
/// </summary>
public sealed class StackEngineTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("fargo-cfn-");
    private readonly TimedHandler _timed = new();
    private CloudFormationEngine _engine = null!;

    public Task InitializeAsync()
    {
        var handlers = new ResourceHandlers("local", "000000000000").Add("AWS::SNS::Topic", _timed);
        _engine = new CloudFormationEngine(new CloudFormationStore(_directory.Combine("state.db")), handlers, r => r, TimeProvider.System, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Resources_wait_for_what_they_reference_and_independent_ones_are_made_in_parallel()
    {
        await DeployAsync("order", """
            Resources:
              First: {Type: AWS::SNS::Topic, Properties: {TopicName: first}}
              Second: {Type: AWS::SNS::Topic, Properties: {TopicName: second}}
              Last: {Type: AWS::SNS::Topic, Properties: {TopicName: !Sub "${First}-${Second.TopicName}"}}
            """);

        var first = _timed.Calls["First"];
        var second = _timed.Calls["Second"];
        var last = _timed.Calls["Last"];
        Assert.True(first.Start < second.End && second.Start < first.End, "First and Second did not overlap");
        Assert.True(last.Start >= first.End && last.Start >= second.End, "Last started before what it references was made");
        Assert.Equal("arn:aws:sns:local:000000000000:first-second", Stack("order").Resources["Last"].Properties["TopicName"]!.ToString());
    }

    [Fact]
    public async Task A_create_only_change_replaces_the_resource_and_its_dependents_see_a_conditional_replacement()
    {
        await DeployAsync("net", Network("10.0.0.0/16", "first"));
        var before = Stack("net");

        var changeSet = _engine.CreateChangeSet(Submission("net", Network("10.1.0.0/16", "second")), "change", "UPDATE", null);

        Assert.Equal("CREATE_COMPLETE", changeSet.Status);
        var vpc = Assert.Single(changeSet.Changes, c => c.LogicalResourceId == "Vpc");
        Assert.Equal("Modify", vpc.Action);
        Assert.Equal("True", vpc.Replacement);
        Assert.Equal("Always", Assert.Single(vpc.Details).RequiresRecreation);
        var subnet = Assert.Single(changeSet.Changes, c => c.LogicalResourceId == "Subnet");
        Assert.Equal("Conditional", subnet.Replacement);
        var group = Assert.Single(changeSet.Changes, c => c.LogicalResourceId == "Group");
        Assert.Equal("Modify", group.Action);
        Assert.Equal("False", group.Replacement);

        _engine.ExecuteChangeSet("change", "net", null);
        await _engine.WaitIdleAsync();

        var after = Stack("net");
        Assert.Equal("UPDATE_COMPLETE", after.Status);
        Assert.NotEqual(before.Resources["Vpc"].PhysicalId, after.Resources["Vpc"].PhysicalId);
        Assert.NotEqual(before.Resources["Subnet"].PhysicalId, after.Resources["Subnet"].PhysicalId);
        Assert.Equal(before.Resources["Group"].PhysicalId, after.Resources["Group"].PhysicalId);
        var events = _engine.DescribeStackEvents("net");
        Assert.Contains(events, e => e.LogicalResourceId == "Vpc" && e.ResourceStatus == "UPDATE_IN_PROGRESS"
            && e.ResourceStatusReason == "Requested update requires the creation of a new physical resource; hence creating one.");
        Assert.Contains(events, e => e.LogicalResourceId == "Vpc" && e.ResourceStatus == "DELETE_COMPLETE" && e.PhysicalResourceId == before.Resources["Vpc"].PhysicalId);
        Assert.Contains(events, e => e.LogicalResourceId == "net" && e.ResourceStatus == "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    }

    [Fact]
    public async Task A_change_set_without_changes_fails_with_CloudFormations_reason_and_UpdateStack_says_no_updates()
    {
        await DeployAsync("same", Network("10.0.0.0/16", "first"));

        var changeSet = _engine.CreateChangeSet(Submission("same", Network("10.0.0.0/16", "first")), "nothing", "UPDATE", null);

        Assert.Equal("FAILED", changeSet.Status);
        Assert.Equal("The submitted information didn't contain changes. Submit different information to create a change set.", changeSet.StatusReason);
        var error = Assert.Throws<LocalServiceException>(() => _engine.UpdateStack(Submission("same", Network("10.0.0.0/16", "first"))));
        Assert.Equal(("ValidationError", "No updates are to be performed."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Replacing_a_custom_named_resource_fails_and_the_update_rolls_back()
    {
        await DeployAsync("named", "Resources: {Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: fixed, FifoTopic: false}}}");

        _engine.UpdateStack(Submission("named", "Resources: {Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: fixed, FifoTopic: true}}}"));
        await _engine.WaitIdleAsync();

        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", Stack("named").Status);
        Assert.Contains(_engine.DescribeStackEvents("named"), e => e.ResourceStatus == "UPDATE_FAILED"
            && e.ResourceStatusReason == "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename fixed and update the stack again.");
    }

    [Fact]
    public async Task Retained_resources_are_skipped_on_delete_and_exports_in_use_block_it()
    {
        await DeployAsync("keep", """
            Resources:
              Kept: {Type: AWS::S3::Bucket, DeletionPolicy: Retain}
              Gone: {Type: AWS::S3::Bucket}
            Outputs:
              Bucket: {Value: !Ref Kept, Export: {Name: kept-bucket}}
            """);
        await DeployAsync("user", "Resources: {Policy: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !ImportValue kept-bucket, PolicyDocument: {}}}}");

        _engine.DeleteStack("keep");
        await _engine.WaitIdleAsync();
        Assert.Equal("DELETE_FAILED", Stack("keep").Status);
        Assert.Equal("Export kept-bucket cannot be deleted as it is in use by user", Stack("keep").StatusReason);

        _engine.DeleteStack("user");
        await _engine.WaitIdleAsync();
        var id = Stack("keep").StackId;
        _engine.DeleteStack("keep");
        await _engine.WaitIdleAsync();

        var events = _engine.DescribeStackEvents(id);
        Assert.Contains(events, e => e.LogicalResourceId == "Kept" && e.ResourceStatus == "DELETE_SKIPPED");
        Assert.Contains(events, e => e.LogicalResourceId == "Gone" && e.ResourceStatus == "DELETE_COMPLETE");
        Assert.Equal("DELETE_COMPLETE", _engine.DescribeStacks(id)[0].Status);
    }

    [Fact]
    public async Task Stack_events_can_be_read_while_a_stack_operation_writes_them()
    {
        // A deploy's progress view polls DescribeStackEvents while the stack is being made; each read must see
        // the events so far, never an error from the state store the writers are using.
        var topics = string.Join("\n", Enumerable.Range(0, 80).Select(i => $"  Topic{i}: {{Type: AWS::SNS::Topic}}"));
        _engine.CreateStack(Submission("busy", "Resources:\n" + topics));
        var operation = _engine.WaitIdleAsync();
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(() =>
        {
            var reads = 0;
            while (!operation.IsCompleted)
            {
                _ = _engine.DescribeStackEvents("busy");
                reads++;
            }

            return reads;
        })).ToList();

        await operation;
        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        Assert.Equal(80, _engine.DescribeStackEvents("busy").Count(e => e.ResourceStatus == "CREATE_COMPLETE" && e.LogicalResourceId != "busy"));
    }

    private static string Network(string cidr, string tag) => $$$"""
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: {{{cidr}}}}}
          Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
          Group: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, Tags: [{Key: role, Value: {{{tag}}}}]}}
        """;

    private static StackSubmission Submission(string name, string template) => new(name, template, false, [], null, [], false);

    private async Task DeployAsync(string name, string template)
    {
        _engine.CreateStack(Submission(name, template));
        await _engine.WaitIdleAsync();
        Assert.Equal("CREATE_COMPLETE", Stack(name).Status);
    }

    private StackRecord Stack(string nameOrId) => _engine.DescribeStacks(nameOrId)[0];

    /// <summary>Takes 300 ms to make each resource, and remembers when.</summary>
    private sealed class TimedHandler : IResourceHandler
    {
        public ConcurrentDictionary<string, (DateTimeOffset Start, DateTimeOffset End)> Calls { get; } = new();

        public async Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
        {
            var start = DateTimeOffset.UtcNow;
            await Task.Delay(300, cancellationToken);
            Calls[context.LogicalId] = (start, DateTimeOffset.UtcNow);
            var name = properties["TopicName"]?.ToString() ?? context.LogicalId;
            return new ResourceOutcome($"arn:aws:sns:local:000000000000:{name}", new Dictionary<string, JsonNode?> { ["TopicName"] = name, ["TopicArn"] = $"arn:aws:sns:local:000000000000:{name}" });
        }

        public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
            Task.FromResult(new ResourceOutcome(physicalId, new Dictionary<string, JsonNode?>()));

        public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
