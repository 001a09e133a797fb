using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.CloudFormation;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class CloudFormationCases
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/fargo-prod-todo-api/1a2b3c4d-0000-4000-8000-000000000001";

    private const string ChangeSetId = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/fargo-r254/9f8e7d6c-0000-4000-8000-000000000002";

    private const string ServiceArn = "arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/todo-api";

    private const string TemplateJson = """{"Parameters":{"ImageUri":{"Type":"String"}},"Resources":{"Cluster":{"Type":"AWS::ECS::Cluster"}}}""";

    // A YAML template: the CLI decodes a JSON TemplateBody of GetTemplate into an object for display, which Fargo (rightly) keeps a string.
    private const string TemplateYaml = "Parameters:\n  ImageUri:\n    Type: String\nResources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n";

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

        yield return Case("CreateStack",
            new CreateStackRequest
            {
                StackName = "fargo-prod-todo-api",
                TemplateBody = TemplateJson,
                Parameters = [new Parameter { ParameterKey = "ImageUri", ParameterValue = "123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api:r254" }],
                TimeoutInMinutes = 30,
                Capabilities = [Capability.CapabilityIam, Capability.CapabilityNamedIam],
                OnFailure = OnFailure.Delete,
                Tags = [new Tag { Key = "fargo:service", Value = "todo-api" }],
                ClientRequestToken = "fargo-create-r254",
                EnableTerminationProtection = true,
            },
            Ctx.CreateStackRequest, Ctx.CreateStackResponse, (c, r, ct) => c.CreateStackAsync(r, ct),
            $"<StackId>{StackId}</StackId>",
            ["--stack-name", "fargo-prod-todo-api", "--template-body", TemplateJson,
             "--parameters", "ParameterKey=ImageUri,ParameterValue=123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api:r254",
             "--timeout-in-minutes", "30", "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "--on-failure", "DELETE",
             "--tags", "Key=fargo:service,Value=todo-api", "--client-request-token", "fargo-create-r254", "--enable-termination-protection"]);

        yield return Case("UpdateStack",
            new UpdateStackRequest
            {
                StackName = "fargo-prod-todo-api",
                UsePreviousTemplate = true,
                Parameters = [new Parameter { ParameterKey = "ImageUri", ParameterValue = "123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api:r255" }],
                Capabilities = [Capability.CapabilityIam],
                RollbackConfiguration = new RollbackConfiguration
                {
                    RollbackTriggers = [new RollbackTrigger { Arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:todo-api-5xx", Type = "AWS::CloudWatch::Alarm" }],
                    MonitoringTimeInMinutes = 5,
                },
                ClientRequestToken = "fargo-update-r255",
            },
            Ctx.UpdateStackRequest, Ctx.UpdateStackResponse, (c, r, ct) => c.UpdateStackAsync(r, ct),
            $"<StackId>{StackId}</StackId>");

        yield return Case("DeleteStack",
            new DeleteStackRequest { StackName = "fargo-prod-todo-api", RetainResources = ["LogGroup"], ClientRequestToken = "fargo-delete-1" },
            Ctx.DeleteStackRequest, Ctx.DeleteStackResponse, (c, r, ct) => c.DeleteStackAsync(r, ct),
            "",
            ["--stack-name", "fargo-prod-todo-api", "--retain-resources", "LogGroup", "--client-request-token", "fargo-delete-1"]);

        yield return Case("DescribeStackResource",
            new DescribeStackResourceRequest { StackName = "fargo-prod-todo-api", LogicalResourceId = "Service" },
            Ctx.DescribeStackResourceRequest, Ctx.DescribeStackResourceResponse, (c, r, ct) => c.DescribeStackResourceAsync(r, ct),
            $$"""
            <StackResourceDetail>
              <StackName>fargo-prod-todo-api</StackName>
              <StackId>{{StackId}}</StackId>
              <LogicalResourceId>Service</LogicalResourceId>
              <PhysicalResourceId>{{ServiceArn}}</PhysicalResourceId>
              <ResourceType>AWS::ECS::Service</ResourceType>
              <LastUpdatedTimestamp>2024-05-02T08:03:11.456Z</LastUpdatedTimestamp>
              <ResourceStatus>UPDATE_COMPLETE</ResourceStatus>
              <Metadata>{"Revision":"r254"}</Metadata>
              <DriftInformation><StackResourceDriftStatus>NOT_CHECKED</StackResourceDriftStatus></DriftInformation>
            </StackResourceDetail>
            """,
            ["--stack-name", "fargo-prod-todo-api", "--logical-resource-id", "Service"]);

        yield return Case("DescribeStackResources",
            new DescribeStackResourcesRequest { StackName = "fargo-prod-todo-api" },
            Ctx.DescribeStackResourcesRequest, Ctx.DescribeStackResourcesResponse, (c, r, ct) => c.DescribeStackResourcesAsync(r, ct),
            $$"""
            <StackResources>
              <member>
                <StackName>fargo-prod-todo-api</StackName>
                <StackId>{{StackId}}</StackId>
                <LogicalResourceId>Service</LogicalResourceId>
                <PhysicalResourceId>{{ServiceArn}}</PhysicalResourceId>
                <ResourceType>AWS::ECS::Service</ResourceType>
                <Timestamp>2024-05-02T08:03:11.456Z</Timestamp>
                <ResourceStatus>UPDATE_COMPLETE</ResourceStatus>
                <DriftInformation><StackResourceDriftStatus>NOT_CHECKED</StackResourceDriftStatus></DriftInformation>
              </member>
              <member>
                <StackName>fargo-prod-todo-api</StackName>
                <StackId>{{StackId}}</StackId>
                <LogicalResourceId>LogGroup</LogicalResourceId>
                <ResourceType>AWS::Logs::LogGroup</ResourceType>
                <Timestamp>2024-05-01T10:20:45Z</Timestamp>
                <ResourceStatus>CREATE_FAILED</ResourceStatus>
                <ResourceStatusReason>Resource creation cancelled</ResourceStatusReason>
              </member>
            </StackResources>
            """,
            ["--stack-name", "fargo-prod-todo-api"]);

        yield return Case("GetTemplate",
            new GetTemplateRequest { StackName = "fargo-prod-todo-api", TemplateStage = TemplateStage.Original },
            Ctx.GetTemplateRequest, Ctx.GetTemplateResponse, (c, r, ct) => c.GetTemplateAsync(r, ct),
            $"""
            <TemplateBody>{TemplateYaml}</TemplateBody>
            <StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable>
            """,
            ["--stack-name", "fargo-prod-todo-api", "--template-stage", "Original"]);

        // No Warnings member: the AWS CLI 2.9's model predates it and drops it from its output.
        yield return Case("GetTemplateSummary",
            new GetTemplateSummaryRequest { TemplateBody = TemplateJson },
            Ctx.GetTemplateSummaryRequest, Ctx.GetTemplateSummaryResponse, (c, r, ct) => c.GetTemplateSummaryAsync(r, ct),
            """
            <Parameters>
              <member>
                <ParameterKey>ImageUri</ParameterKey>
                <ParameterType>String</ParameterType>
                <NoEcho>false</NoEcho>
                <Description>The image the service runs</Description>
                <ParameterConstraints><AllowedValues/></ParameterConstraints>
              </member>
              <member>
                <ParameterKey>Environment</ParameterKey>
                <DefaultValue>prod</DefaultValue>
                <ParameterType>String</ParameterType>
                <NoEcho>false</NoEcho>
                <ParameterConstraints><AllowedValues><member>prod</member><member>staging</member></AllowedValues></ParameterConstraints>
              </member>
            </Parameters>
            <Description>Fargo service stack</Description>
            <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
            <CapabilitiesReason>The following resource(s) require capabilities: [AWS::IAM::Role]</CapabilitiesReason>
            <ResourceTypes><member>AWS::ECS::Cluster</member><member>AWS::IAM::Role</member></ResourceTypes>
            <Version>2010-09-09</Version>
            <ResourceIdentifierSummaries>
              <member>
                <ResourceType>AWS::ECS::Cluster</ResourceType>
                <LogicalResourceIds><member>Cluster</member></LogicalResourceIds>
                <ResourceIdentifiers><member>ClusterName</member></ResourceIdentifiers>
              </member>
            </ResourceIdentifierSummaries>
            """,
            ["--template-body", TemplateJson]);

        yield return Case("ValidateTemplate",
            new ValidateTemplateRequest { TemplateBody = TemplateJson },
            Ctx.ValidateTemplateRequest, Ctx.ValidateTemplateResponse, (c, r, ct) => c.ValidateTemplateAsync(r, ct),
            """
            <Parameters>
              <member><ParameterKey>ImageUri</ParameterKey><NoEcho>false</NoEcho><Description>The image the service runs</Description></member>
              <member><ParameterKey>DatabasePassword</ParameterKey><NoEcho>true</NoEcho><DefaultValue>****</DefaultValue></member>
            </Parameters>
            <Description>Fargo service stack</Description>
            <Capabilities><member>CAPABILITY_NAMED_IAM</member></Capabilities>
            <CapabilitiesReason>The following resource(s) require capabilities: [AWS::IAM::Role]</CapabilitiesReason>
            <DeclaredTransforms><member>AWS::LanguageExtensions</member></DeclaredTransforms>
            """,
            ["--template-body", TemplateJson]);

        yield return Case("CreateChangeSet",
            new CreateChangeSetRequest
            {
                StackName = "fargo-prod-todo-api",
                ChangeSetName = "fargo-r254",
                TemplateBody = TemplateJson,
                Parameters = [new Parameter { ParameterKey = "ImageUri", UsePreviousValue = true }],
                Capabilities = [Capability.CapabilityIam],
                Tags = [new Tag { Key = "fargo:service", Value = "todo-api" }],
                ClientToken = "fargo-cs-r254",
                Description = "Deploy r254",
                ChangeSetType = ChangeSetType.Update,
            },
            Ctx.CreateChangeSetRequest, Ctx.CreateChangeSetResponse, (c, r, ct) => c.CreateChangeSetAsync(r, ct),
            $"<Id>{ChangeSetId}</Id><StackId>{StackId}</StackId>",
            ["--stack-name", "fargo-prod-todo-api", "--change-set-name", "fargo-r254", "--template-body", TemplateJson,
             "--parameters", "ParameterKey=ImageUri,UsePreviousValue=true", "--capabilities", "CAPABILITY_IAM",
             "--tags", "Key=fargo:service,Value=todo-api", "--client-token", "fargo-cs-r254", "--description", "Deploy r254",
             "--change-set-type", "UPDATE"]);

        // DescribeChangeSet is paginated by the CLI: the canned answer has no NextToken, or the CLI would ask for the next page.
        yield return Case("DescribeChangeSet",
            new DescribeChangeSetRequest { ChangeSetName = "fargo-r254", StackName = "fargo-prod-todo-api" },
            Ctx.DescribeChangeSetRequest, Ctx.DescribeChangeSetResponse, (c, r, ct) => c.DescribeChangeSetAsync(r, ct),
            $$"""
            <ChangeSetName>fargo-r254</ChangeSetName>
            <ChangeSetId>{{ChangeSetId}}</ChangeSetId>
            <StackId>{{StackId}}</StackId>
            <StackName>fargo-prod-todo-api</StackName>
            <Description>Deploy r254</Description>
            <Parameters>
              <member><ParameterKey>ImageUri</ParameterKey><ParameterValue>123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api:r254</ParameterValue></member>
            </Parameters>
            <CreationTime>2024-05-02T07:59:40.318Z</CreationTime>
            <ExecutionStatus>AVAILABLE</ExecutionStatus>
            <Status>CREATE_COMPLETE</Status>
            <NotificationARNs/>
            <RollbackConfiguration/>
            <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
            <Tags><member><Key>fargo:service</Key><Value>todo-api</Value></member></Tags>
            <Changes>
              <member>
                <Type>Resource</Type>
                <ResourceChange>
                  <Action>Modify</Action>
                  <LogicalResourceId>Service</LogicalResourceId>
                  <PhysicalResourceId>{{ServiceArn}}</PhysicalResourceId>
                  <ResourceType>AWS::ECS::Service</ResourceType>
                  <Replacement>False</Replacement>
                  <Scope><member>Properties</member></Scope>
                  <Details>
                    <member>
                      <Target><Attribute>Properties</Attribute><Name>TaskDefinition</Name><RequiresRecreation>Never</RequiresRecreation></Target>
                      <Evaluation>Static</Evaluation>
                      <ChangeSource>ResourceReference</ChangeSource>
                      <CausingEntity>TaskDefinition</CausingEntity>
                    </member>
                  </Details>
                </ResourceChange>
              </member>
              <member>
                <Type>Resource</Type>
                <ResourceChange>
                  <Action>Add</Action>
                  <LogicalResourceId>Alarm</LogicalResourceId>
                  <ResourceType>AWS::CloudWatch::Alarm</ResourceType>
                  <Scope/>
                  <Details/>
                </ResourceChange>
              </member>
            </Changes>
            <IncludeNestedStacks>false</IncludeNestedStacks>
            """,
            ["--change-set-name", "fargo-r254", "--stack-name", "fargo-prod-todo-api"]);

        yield return Case("ExecuteChangeSet",
            new ExecuteChangeSetRequest { ChangeSetName = ChangeSetId, ClientRequestToken = "fargo-exec-r254", DisableRollback = false },
            Ctx.ExecuteChangeSetRequest, Ctx.ExecuteChangeSetResponse, (c, r, ct) => c.ExecuteChangeSetAsync(r, ct),
            "",
            ["--change-set-name", ChangeSetId, "--client-request-token", "fargo-exec-r254", "--no-disable-rollback"]);

        yield return Case("DeleteChangeSet",
            new DeleteChangeSetRequest { ChangeSetName = "fargo-r254", StackName = "fargo-prod-todo-api" },
            Ctx.DeleteChangeSetRequest, Ctx.DeleteChangeSetResponse, (c, r, ct) => c.DeleteChangeSetAsync(r, ct),
            "",
            ["--change-set-name", "fargo-r254", "--stack-name", "fargo-prod-todo-api"]);

        // ListChangeSets, ListExports and ListImports are paginated by the CLI: no NextToken in their canned answers.
        yield return Case("ListChangeSets",
            new ListChangeSetsRequest { StackName = "fargo-prod-todo-api" },
            Ctx.ListChangeSetsRequest, Ctx.ListChangeSetsResponse, (c, r, ct) => c.ListChangeSetsAsync(r, ct),
            $$"""
            <Summaries>
              <member>
                <StackId>{{StackId}}</StackId>
                <StackName>fargo-prod-todo-api</StackName>
                <ChangeSetId>{{ChangeSetId}}</ChangeSetId>
                <ChangeSetName>fargo-r254</ChangeSetName>
                <ExecutionStatus>EXECUTE_COMPLETE</ExecutionStatus>
                <Status>CREATE_COMPLETE</Status>
                <CreationTime>2024-05-02T07:59:40.318Z</CreationTime>
                <Description>Deploy r254</Description>
                <IncludeNestedStacks>false</IncludeNestedStacks>
              </member>
              <member>
                <StackId>{{StackId}}</StackId>
                <StackName>fargo-prod-todo-api</StackName>
                <ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/fargo-r255/9f8e7d6c-0000-4000-8000-000000000003</ChangeSetId>
                <ChangeSetName>fargo-r255</ChangeSetName>
                <ExecutionStatus>UNAVAILABLE</ExecutionStatus>
                <Status>FAILED</Status>
                <StatusReason>The submitted information didn't contain changes. Submit different information to create a change set.</StatusReason>
                <CreationTime>2024-05-03T09:00:00Z</CreationTime>
              </member>
            </Summaries>
            """,
            ["--stack-name", "fargo-prod-todo-api"]);

        yield return Case("ListExports",
            new ListExportsRequest(),
            Ctx.ListExportsRequest, Ctx.ListExportsResponse, (c, r, ct) => c.ListExportsAsync(r, ct),
            $$"""
            <Exports>
              <member><ExportingStackId>{{StackId}}</ExportingStackId><Name>fargo-prod-todo-api-url</Name><Value>https://todo.example.com</Value></member>
              <member><ExportingStackId>{{StackId}}</ExportingStackId><Name>fargo-prod-cluster</Name><Value>fargo-prod</Value></member>
            </Exports>
            """,
            []);

        yield return Case("ListImports",
            new ListImportsRequest { ExportName = "fargo-prod-cluster" },
            Ctx.ListImportsRequest, Ctx.ListImportsResponse, (c, r, ct) => c.ListImportsAsync(r, ct),
            """
            <Imports><member>fargo-prod-todo-api</member><member>fargo-prod-worker</member></Imports>
            """,
            ["--export-name", "fargo-prod-cluster"]);
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
