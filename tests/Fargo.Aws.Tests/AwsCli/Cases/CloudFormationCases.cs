using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.CloudFormation;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class CloudFormationCases
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/fargo-prod-todo-api/1a2b3c4d-0000-4000-8000-000000000001";

    private static CloudFormationJsonContext Ctx => CloudFormationJsonContext.Default;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("DescribeStacks",
            new DescribeStacksRequest { StackName = "fargo-prod-todo-api" },
            Ctx.DescribeStacksRequest, Ctx.DescribeStacksResponse, (c, r, ct) => c.DescribeStacksAsync(r, ct),
            $"""
            <Stacks>
              <member>
                <StackId>{StackId}</StackId>
                <StackName>fargo-prod-todo-api</StackName>
                <Description>Fargo service stack</Description>
                <Parameters>
                  <member><ParameterKey>ImageUri</ParameterKey><ParameterValue>123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:4e1f</ParameterValue></member>
                </Parameters>
                <CreationTime>2024-05-01T10:20:30.123Z</CreationTime>
                <LastUpdatedTime>2024-05-02T08:00:00Z</LastUpdatedTime>
                <RollbackConfiguration/>
                <StackStatus>UPDATE_COMPLETE</StackStatus>
                <DisableRollback>false</DisableRollback>
                <NotificationARNs/>
                <Capabilities><member>CAPABILITY_IAM</member><member>CAPABILITY_NAMED_IAM</member></Capabilities>
                <Outputs>
                  <member><OutputKey>ServiceUrl</OutputKey><OutputValue>https://todo.example.com</OutputValue><Description>URL</Description><ExportName>fargo-prod-todo-api-url</ExportName></member>
                  <member><OutputKey>ClusterName</OutputKey><OutputValue>fargo-prod</OutputValue></member>
                </Outputs>
                <Tags><member><Key>env</Key><Value>prod</Value></member></Tags>
                <EnableTerminationProtection>true</EnableTerminationProtection>
                <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>
              </member>
            </Stacks>
            """,
            ["--stack-name", "fargo-prod-todo-api"]);

        yield return Case("DescribeStackEvents",
            new DescribeStackEventsRequest { StackName = "fargo-prod-todo-api", NextToken = "page-2" },
            Ctx.DescribeStackEventsRequest, Ctx.DescribeStackEventsResponse, (c, r, ct) => c.DescribeStackEventsAsync(r, ct),
            $$"""
            <StackEvents>
              <member>
                <StackId>{{StackId}}</StackId>
                <EventId>Service-UPDATE_IN_PROGRESS-2024-05-02T08:00:01.000Z</EventId>
                <StackName>fargo-prod-todo-api</StackName>
                <LogicalResourceId>Service</LogicalResourceId>
                <PhysicalResourceId>arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/todo-api</PhysicalResourceId>
                <ResourceType>AWS::ECS::Service</ResourceType>
                <Timestamp>2024-05-02T08:00:01.000Z</Timestamp>
                <ResourceStatus>UPDATE_IN_PROGRESS</ResourceStatus>
                <ResourceProperties>{"DesiredCount":"2"}</ResourceProperties>
                <ClientRequestToken>fargo-infra-1</ClientRequestToken>
              </member>
              <member>
                <StackId>{{StackId}}</StackId>
                <EventId>0f1e2d3c-0000-4000-8000-000000000009</EventId>
                <StackName>fargo-prod-todo-api</StackName>
                <LogicalResourceId>fargo-prod-todo-api</LogicalResourceId>
                <ResourceType>AWS::CloudFormation::Stack</ResourceType>
                <Timestamp>2024-05-02T07:59:58Z</Timestamp>
                <ResourceStatus>UPDATE_ROLLBACK_IN_PROGRESS</ResourceStatus>
                <ResourceStatusReason>Resource handler returned message: "Invalid request provided" &amp; more</ResourceStatusReason>
              </member>
            </StackEvents>
            <NextToken>page-3</NextToken>
            """);

        yield return Case("ListStackResources",
            new ListStackResourcesRequest { StackName = StackId },
            Ctx.ListStackResourcesRequest, Ctx.ListStackResourcesResponse, (c, r, ct) => c.ListStackResourcesAsync(r, ct),
            """
            <StackResourceSummaries>
              <member>
                <LogicalResourceId>Service</LogicalResourceId>
                <PhysicalResourceId>arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/todo-api</PhysicalResourceId>
                <ResourceType>AWS::ECS::Service</ResourceType>
                <LastUpdatedTimestamp>2024-05-02T08:03:11.456Z</LastUpdatedTimestamp>
                <ResourceStatus>UPDATE_COMPLETE</ResourceStatus>
                <DriftInformation><StackResourceDriftStatus>NOT_CHECKED</StackResourceDriftStatus></DriftInformation>
              </member>
              <member>
                <LogicalResourceId>TaskRole</LogicalResourceId>
                <PhysicalResourceId>todo-api-task</PhysicalResourceId>
                <ResourceType>AWS::IAM::Role</ResourceType>
                <LastUpdatedTimestamp>2024-05-01T10:21:00Z</LastUpdatedTimestamp>
                <ResourceStatus>CREATE_COMPLETE</ResourceStatus>
                <DriftInformation><StackResourceDriftStatus>IN_SYNC</StackResourceDriftStatus><LastCheckTimestamp>2024-05-03T00:00:00Z</LastCheckTimestamp></DriftInformation>
              </member>
            </StackResourceSummaries>
            """);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<CloudFormationClient, TRequest, CancellationToken, Task<TResponse>> call,
        string resultMembers,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.CloudFormation, "cloudformation", operation, request, requestType, responseType,
            (http, r, ct) => call(new CloudFormationClient(http), r, ct),
            Canned.Query(AwsServices.CloudFormation, operation, resultMembers), cliArguments);
}
