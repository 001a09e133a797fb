using Fargo.Aws.CloudFormation;
using Fargo.Aws.Http;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// Fargo.Aws's CloudFormationClient against the local region: the answers it reads are the ones Fargo's own
/// deploy path relies on (change sets, stacks and their outputs, resources, exports, templates).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CloudFormationClientTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Template = """
        Parameters:
          Secret:
            Type: String
            NoEcho: true
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: client-topic
          Note:
            Type: AWS::SSM::Parameter
            Properties:
              Name: /client/topic
              Type: String
              Value: !GetAtt Topic.TopicName
        Outputs:
          TopicArn:
            Value: !Ref Topic
            Export:
              Name: client-topic-arn
        """;

    [Fact]
    public async Task A_change_set_creates_the_stack_and_the_client_reads_its_stack_resources_exports_and_template()
    {
        var client = new CloudFormationClient(new AwsHttpClient(engine.Region.ClientOptions()));
        var parameters = new[] { new Parameter { ParameterKey = "Secret", ParameterValue = "hidden" } };

        var created = await client.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = "client",
            ChangeSetName = "first",
            ChangeSetType = ChangeSetType.Create,
            TemplateBody = Template,
            Parameters = parameters,
        });
        var described = await client.DescribeChangeSetAsync(new DescribeChangeSetRequest { ChangeSetName = created.Id! });
        Assert.Equal(ChangeSetStatus.CreateComplete, described.Status);
        Assert.Equal(["Topic", "Note"], described.Changes!.Select(c => c.ResourceChange!.LogicalResourceId));
        Assert.All(described.Changes!, c => Assert.Equal(ChangeAction.Add, c.ResourceChange!.Action));
        Assert.Equal(StackStatus.ReviewInProgress, (await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = "client" })).Stacks![0].StackStatus);

        await client.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { ChangeSetName = "first", StackName = "client" });
        var stack = await Eventually.UntilAsync(
            async () => (await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = "client" })).Stacks![0],
            s => s.StackStatus == StackStatus.CreateComplete,
            TimeSpan.FromSeconds(30),
            "the stack to be created",
            s => $"{s.StackStatus} {s.StackStatusReason}");

        Assert.Equal("****", Assert.Single(stack.Parameters!).ParameterValue);
        var topicArn = Assert.Single(stack.Outputs!).OutputValue;
        Assert.Equal("arn:aws:sns:local:000000000000:client-topic", topicArn);
        var exports = await client.ListExportsAsync(new ListExportsRequest());
        Assert.Contains(exports.Exports!, e => e.Name == "client-topic-arn" && e.Value == topicArn && e.ExportingStackId == stack.StackId);
        var resources = await client.ListStackResourcesAsync(new ListStackResourcesRequest { StackName = "client" });
        Assert.Equal(["Note", "Topic"], resources.StackResourceSummaries!.Select(r => r.LogicalResourceId));
        Assert.All(resources.StackResourceSummaries!, r => Assert.Equal(ResourceStatus.CreateComplete, r.ResourceStatus));
        var note = await client.DescribeStackResourceAsync(new DescribeStackResourceRequest { StackName = "client", LogicalResourceId = "Note" });
        Assert.Equal("/client/topic", note.StackResourceDetail!.PhysicalResourceId);
        Assert.Equal(Template, (await client.GetTemplateAsync(new GetTemplateRequest { StackName = "client" })).TemplateBody);

        var unchanged = await client.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = "client",
            ChangeSetName = "again",
            UsePreviousTemplate = true,
            Parameters = [new Parameter { ParameterKey = "Secret", UsePreviousValue = true }],
        });
        var empty = await client.DescribeChangeSetAsync(new DescribeChangeSetRequest { ChangeSetName = unchanged.Id! });
        Assert.Equal(ChangeSetStatus.Failed, empty.Status);
        Assert.Equal("The submitted information didn't contain changes. Submit different information to create a change set.", empty.StatusReason);
        Assert.Contains((await client.ListChangeSetsAsync(new ListChangeSetsRequest { StackName = "client" })).Summaries!, s => s.ChangeSetName == "again" && s.Status == ChangeSetStatus.Failed);
        await client.DeleteChangeSetAsync(new DeleteChangeSetRequest { ChangeSetName = unchanged.Id! });

        await client.DeleteStackAsync(new DeleteStackRequest { StackName = "client" });
        await Eventually.UntilAsync(
            async () => (await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = stack.StackId })).Stacks![0],
            s => s.StackStatus == StackStatus.DeleteComplete,
            TimeSpan.FromSeconds(30),
            "the stack to be deleted",
            s => $"{s.StackStatus} {s.StackStatusReason}");
        Assert.DoesNotContain((await client.ListExportsAsync(new ListExportsRequest())).Exports!, e => e.Name == "client-topic-arn");
    }
}
