using System.Text.Json.Serialization.Metadata;
using Fargo.Aws;
using Fargo.Aws.CloudFormation;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation.Template;

namespace Fargo.Local.CloudFormation;

/// <summary>
/// CloudFormation's operations on the wire (awsQuery, XML answers), served by the <see cref="CloudFormationEngine"/>.
/// Requests signed for "cloudformation" land here.
/// </summary>
internal static class CloudFormationApi
{
    private const string Masked = "****";

    public static QueryOperationTable Create(CloudFormationEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var json = CloudFormationJsonContext.Default;
        return new QueryOperationTable(AwsServices.CloudFormation)
            .Add("CreateStack", json.CreateStackResponse, p =>
            {
                var request = Read(p, json.CreateStackRequest);
                var id = engine.CreateStack(Submission(request.StackName, request.TemplateBody, request.TemplateURL, false, request.Parameters, request.Tags, request.Capabilities,
                    request.DisableRollback == true || request.OnFailure?.Value is "DO_NOTHING"));
                return new CreateStackResponse { StackId = id };
            })
            .Add("UpdateStack", json.UpdateStackResponse, p =>
            {
                var request = Read(p, json.UpdateStackRequest);
                var id = engine.UpdateStack(Submission(request.StackName, request.TemplateBody, request.TemplateURL, request.UsePreviousTemplate == true, request.Parameters, request.Tags,
                    request.Capabilities, request.DisableRollback == true));
                return new UpdateStackResponse { StackId = id };
            })
            .Add("DeleteStack", json.DeleteStackResponse, p =>
            {
                engine.DeleteStack(Read(p, json.DeleteStackRequest).StackName);
                return new DeleteStackResponse();
            })
            .Add("DescribeStacks", json.DescribeStacksResponse, p =>
                new DescribeStacksResponse { Stacks = engine.DescribeStacks(Read(p, json.DescribeStacksRequest).StackName).Select(ToWire).ToList() })
            .Add("DescribeStackEvents", json.DescribeStackEventsResponse, p =>
                new DescribeStackEventsResponse { StackEvents = engine.DescribeStackEvents(Read(p, json.DescribeStackEventsRequest).StackName!).Select(ToWire).ToList() })
            .Add("DescribeStackResource", json.DescribeStackResourceResponse, p =>
            {
                var request = Read(p, json.DescribeStackResourceRequest);
                var (stack, resource) = engine.DescribeStackResource(request.StackName, request.LogicalResourceId);
                return new DescribeStackResourceResponse
                {
                    StackResourceDetail = new StackResourceDetail
                    {
                        StackName = stack.StackName,
                        StackId = stack.StackId,
                        LogicalResourceId = resource.LogicalId,
                        PhysicalResourceId = resource.PhysicalId,
                        ResourceType = resource.Type,
                        LastUpdatedTimestamp = resource.LastUpdated,
                        ResourceStatus = ResourceStatus.FromWire(resource.Status),
                        ResourceStatusReason = resource.StatusReason,
                        Description = resource.Description,
                        Metadata = resource.Metadata?.ToJsonString() ?? "{}",
                        DriftInformation = new StackResourceDriftInformation { StackResourceDriftStatus = StackResourceDriftStatus.NotChecked },
                    },
                };
            })
            .Add("DescribeStackResources", json.DescribeStackResourcesResponse, p =>
            {
                var request = Read(p, json.DescribeStackResourcesRequest);
                var (stack, resources) = engine.DescribeStackResources(request.StackName, request.LogicalResourceId, request.PhysicalResourceId);
                return new DescribeStackResourcesResponse
                {
                    StackResources = resources.Select(r => new StackResource
                    {
                        StackName = stack.StackName,
                        StackId = stack.StackId,
                        LogicalResourceId = r.LogicalId,
                        PhysicalResourceId = r.PhysicalId,
                        ResourceType = r.Type,
                        Timestamp = r.LastUpdated,
                        ResourceStatus = ResourceStatus.FromWire(r.Status),
                        ResourceStatusReason = r.StatusReason,
                        DriftInformation = new StackResourceDriftInformation { StackResourceDriftStatus = StackResourceDriftStatus.NotChecked },
                    }).ToList(),
                };
            })
            .Add("ListStackResources", json.ListStackResourcesResponse, p =>
            {
                var request = Read(p, json.ListStackResourcesRequest);
                var (_, resources) = engine.DescribeStackResources(request.StackName, null, null);
                return new ListStackResourcesResponse
                {
                    StackResourceSummaries = resources.Select(r => new StackResourceSummary
                    {
                        LogicalResourceId = r.LogicalId,
                        PhysicalResourceId = r.PhysicalId,
                        ResourceType = r.Type,
                        LastUpdatedTimestamp = r.LastUpdated,
                        ResourceStatus = ResourceStatus.FromWire(r.Status),
                        ResourceStatusReason = r.StatusReason,
                        DriftInformation = new StackResourceDriftInformationSummary { StackResourceDriftStatus = StackResourceDriftStatus.NotChecked },
                    }).ToList(),
                };
            })
            .Add("GetTemplate", json.GetTemplateResponse, p =>
            {
                var request = Read(p, json.GetTemplateRequest);
                return new GetTemplateResponse
                {
                    TemplateBody = engine.GetTemplate(request.StackName ?? throw CloudFormationEngine.Validation("StackName is required"), request.ChangeSetName),
                    StagesAvailable = [TemplateStage.Original, TemplateStage.Processed],
                };
            })
            .Add("ValidateTemplate", json.ValidateTemplateResponse, p =>
            {
                var request = Read(p, json.ValidateTemplateRequest);
                var template = Validated(request.TemplateBody, request.TemplateURL);
                return new ValidateTemplateResponse
                {
                    Description = template.Description,
                    Parameters = template.Parameters.Values.Select(t => new Aws.CloudFormation.TemplateParameter
                    {
                        ParameterKey = t.Name,
                        DefaultValue = t.Default,
                        NoEcho = t.NoEcho,
                        Description = t.Description,
                    }).ToList(),
                    Capabilities = RequiredCapabilities(template).Select(Capability.FromWire).ToList(),
                    CapabilitiesReason = RequiredCapabilities(template).Count > 0 ? "The following resource(s) require capabilities: [" + string.Join(", ", IamTypes(template)) + "]" : null,
                    DeclaredTransforms = [],
                };
            })
            .Add("GetTemplateSummary", json.GetTemplateSummaryResponse, p =>
            {
                var request = Read(p, json.GetTemplateSummaryRequest);
                var template = request.StackName is { } stackName
                    ? StackTemplate.Parse(engine.GetTemplate(stackName, null))
                    : Validated(request.TemplateBody, request.TemplateURL);
                return new GetTemplateSummaryResponse
                {
                    Description = template.Description,
                    Parameters = template.Parameters.Values.Select(t => new ParameterDeclaration
                    {
                        ParameterKey = t.Name,
                        DefaultValue = t.Default,
                        ParameterType = t.Type,
                        NoEcho = t.NoEcho,
                        Description = t.Description,
                        ParameterConstraints = new ParameterConstraints { AllowedValues = t.AllowedValues },
                    }).ToList(),
                    Capabilities = RequiredCapabilities(template).Select(Capability.FromWire).ToList(),
                    ResourceTypes = template.Resources.Values.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal).ToList(),
                    Version = "2010-09-09",
                    Metadata = template.Body["Metadata"]?.ToJsonString(),
                    DeclaredTransforms = [],
                    ResourceIdentifierSummaries = template.Resources.Values.GroupBy(r => r.Type).Select(g => new ResourceIdentifierSummary
                    {
                        ResourceType = g.Key,
                        LogicalResourceIds = g.Select(r => r.LogicalId).ToList(),
                        ResourceIdentifiers = Resources.ResourceTypeCatalog.Find(g.Key)?.PrimaryIdentifier.ToList() ?? [],
                    }).ToList(),
                };
            })
            .Add("CreateChangeSet", json.CreateChangeSetResponse, p =>
            {
                var request = Read(p, json.CreateChangeSetRequest);
                var changeSet = engine.CreateChangeSet(
                    Submission(request.StackName, request.TemplateBody, request.TemplateURL, request.UsePreviousTemplate == true, request.Parameters, request.Tags, request.Capabilities, false),
                    request.ChangeSetName,
                    request.ChangeSetType?.Value ?? "UPDATE",
                    request.Description);
                return new CreateChangeSetResponse { Id = changeSet.ChangeSetId, StackId = changeSet.StackId };
            })
            .Add("DescribeChangeSet", json.DescribeChangeSetResponse, p =>
            {
                var request = Read(p, json.DescribeChangeSetRequest);
                var c = engine.DescribeChangeSet(request.ChangeSetName, request.StackName);
                return new DescribeChangeSetResponse
                {
                    ChangeSetName = c.ChangeSetName,
                    ChangeSetId = c.ChangeSetId,
                    StackId = c.StackId,
                    StackName = c.StackName,
                    Description = c.Description,
                    Parameters = c.Parameters.Select(ToWire).ToList(),
                    CreationTime = c.CreationTime,
                    ExecutionStatus = ExecutionStatus.FromWire(c.ExecutionStatus),
                    Status = ChangeSetStatus.FromWire(c.Status),
                    StatusReason = c.StatusReason,
                    NotificationARNs = [],
                    Capabilities = c.Capabilities.Select(Capability.FromWire).ToList(),
                    Tags = c.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
                    Changes = c.Changes.Select(ToWire).ToList(),
                    IncludeNestedStacks = false,
                };
            })
            .Add("ExecuteChangeSet", json.ExecuteChangeSetResponse, p =>
            {
                var request = Read(p, json.ExecuteChangeSetRequest);
                engine.ExecuteChangeSet(request.ChangeSetName, request.StackName, request.DisableRollback);
                return new ExecuteChangeSetResponse();
            })
            .Add("DeleteChangeSet", json.DeleteChangeSetResponse, p =>
            {
                var request = Read(p, json.DeleteChangeSetRequest);
                engine.DeleteChangeSet(request.ChangeSetName, request.StackName);
                return new DeleteChangeSetResponse();
            })
            .Add("ListChangeSets", json.ListChangeSetsResponse, p =>
                new ListChangeSetsResponse
                {
                    Summaries = engine.ListChangeSets(Read(p, json.ListChangeSetsRequest).StackName).Select(c => new ChangeSetSummary
                    {
                        StackId = c.StackId,
                        StackName = c.StackName,
                        ChangeSetId = c.ChangeSetId,
                        ChangeSetName = c.ChangeSetName,
                        ExecutionStatus = ExecutionStatus.FromWire(c.ExecutionStatus),
                        Status = ChangeSetStatus.FromWire(c.Status),
                        StatusReason = c.StatusReason,
                        CreationTime = c.CreationTime,
                        Description = c.Description,
                        IncludeNestedStacks = false,
                    }).ToList(),
                })
            .Add("ListExports", json.ListExportsResponse, _ =>
                new ListExportsResponse { Exports = engine.Exports().Select(e => new Export { ExportingStackId = e.StackId, Name = e.Name, Value = e.Value }).ToList() })
            .Add("ListImports", json.ListImportsResponse, p =>
                new ListImportsResponse { Imports = engine.Importers(Read(p, json.ListImportsRequest).ExportName) });
    }

    private static StackTemplate Validated(string? body, string? url)
    {
        if (body is null)
        {
            throw CloudFormationEngine.Validation(url is null ? "Either Template URL or Template Body must be specified." : "The local region reads templates from TemplateBody only; TemplateURL needs S3.");
        }

        try
        {
            return CloudFormationEngine.Validate(body);
        }
        catch (TemplateException e)
        {
            throw CloudFormationEngine.Validation(e.Message);
        }
    }

    private static List<string> IamTypes(StackTemplate template) =>
        template.Resources.Values.Where(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal)).Select(r => r.LogicalId).ToList();

    private static List<string> RequiredCapabilities(StackTemplate template) => CloudFormationEngine.RequiredCapabilities(template);

    private static StackSubmission Submission(
        string stackName,
        string? body,
        string? url,
        bool usePrevious,
        IReadOnlyList<Parameter>? parameters,
        IReadOnlyList<Tag>? tags,
        IReadOnlyList<Capability>? capabilities,
        bool disableRollback)
    {
        if (body is null && url is not null && !usePrevious)
        {
            throw CloudFormationEngine.Validation("The local region reads templates from TemplateBody only; TemplateURL needs S3.");
        }

        return new StackSubmission(
            stackName,
            body,
            usePrevious,
            parameters?.Select(x => new SubmittedParameter(x.ParameterKey ?? "", x.ParameterValue, x.UsePreviousValue == true)).ToList() ?? [],
            tags?.Select(t => new StackTagRecord(t.Key, t.Value)).ToList(),
            capabilities?.Select(c => c.Value).ToList() ?? [],
            disableRollback);
    }

    private static Stack ToWire(StackRecord s) => new()
    {
        StackId = s.StackId,
        StackName = s.StackName,
        ChangeSetId = s.ChangeSetId,
        Description = s.Description,
        Parameters = s.Parameters.Select(ToWire).ToList(),
        CreationTime = s.CreationTime,
        DeletionTime = s.DeletionTime,
        LastUpdatedTime = s.LastUpdatedTime,
        RollbackConfiguration = new RollbackConfiguration(),
        StackStatus = StackStatus.FromWire(s.Status),
        StackStatusReason = s.StatusReason,
        DisableRollback = s.DisableRollback,
        NotificationARNs = [],
        Capabilities = s.Capabilities.Select(Capability.FromWire).ToList(),
        Outputs = s.Outputs.Select(o => new Output { OutputKey = o.Key, OutputValue = o.Value, Description = o.Description, ExportName = o.ExportName }).ToList(),
        Tags = s.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
        EnableTerminationProtection = false,
        DriftInformation = new StackDriftInformation { StackDriftStatus = StackDriftStatus.NotChecked },
    };

    private static Parameter ToWire(StackParameterRecord p) => new() { ParameterKey = p.Key, ParameterValue = p.NoEcho ? Masked : p.Value };

    private static StackEvent ToWire(StackEventRecord e) => new()
    {
        StackId = e.StackId,
        EventId = e.EventId,
        StackName = e.StackName,
        LogicalResourceId = e.LogicalResourceId,
        PhysicalResourceId = e.PhysicalResourceId,
        ResourceType = e.ResourceType,
        Timestamp = e.Timestamp,
        ResourceStatus = ResourceStatus.FromWire(e.ResourceStatus),
        ResourceStatusReason = e.ResourceStatusReason,
        ResourceProperties = e.ResourceProperties,
    };

    private static Change ToWire(ResourceChangeRecord c) => new()
    {
        Type = ChangeType.Resource,
        HookInvocationCount = 0,
        ResourceChange = new ResourceChange
        {
            Action = ChangeAction.FromWire(c.Action),
            LogicalResourceId = c.LogicalResourceId,
            PhysicalResourceId = c.PhysicalResourceId,
            ResourceType = c.ResourceType,
            Replacement = c.Replacement is null ? null : Replacement.FromWire(c.Replacement),
            Scope = c.Scope.Select(ResourceAttribute.FromWire).ToList(),
            Details = c.Details.Select(d => new ResourceChangeDetail
            {
                Target = new ResourceTargetDefinition
                {
                    Attribute = ResourceAttribute.FromWire(d.Attribute),
                    Name = d.Name,
                    RequiresRecreation = d.RequiresRecreation is null ? null : RequiresRecreation.FromWire(d.RequiresRecreation),
                },
                Evaluation = EvaluationType.FromWire(d.Evaluation),
                ChangeSource = ChangeSource.FromWire(d.ChangeSource),
                CausingEntity = d.CausingEntity,
            }).ToList(),
        },
    };

    private static T Read<T>(AwsQueryParameters parameters, JsonTypeInfo<T> type)
    {
        try
        {
            return AwsQuerySerializer.Deserialize(parameters.All, type);
        }
        catch (AwsShapeFormatException e)
        {
            throw CloudFormationEngine.Validation(e.Message);
        }
    }
}
