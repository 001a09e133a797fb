using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

/// <summary>
/// Shape metadata for CloudFormation's awsQuery wire. The JSON property names are the model's member names;
/// <see cref="AwsQuerySerializer"/> and <see cref="AwsXmlShapeSerializer"/> walk this metadata to write Query
/// parameters and read XML results, so the records carry no protocol code of their own.
/// Timestamps stay ISO 8601, as in the XML.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateStackRequest))]
[JsonSerializable(typeof(CreateStackResponse))]
[JsonSerializable(typeof(UpdateStackRequest))]
[JsonSerializable(typeof(UpdateStackResponse))]
[JsonSerializable(typeof(DeleteStackRequest))]
[JsonSerializable(typeof(DeleteStackResponse))]
[JsonSerializable(typeof(DescribeStacksRequest))]
[JsonSerializable(typeof(DescribeStacksResponse))]
[JsonSerializable(typeof(DescribeStackEventsRequest))]
[JsonSerializable(typeof(DescribeStackEventsResponse))]
[JsonSerializable(typeof(DescribeStackResourceRequest))]
[JsonSerializable(typeof(DescribeStackResourceResponse))]
[JsonSerializable(typeof(DescribeStackResourcesRequest))]
[JsonSerializable(typeof(DescribeStackResourcesResponse))]
[JsonSerializable(typeof(ListStackResourcesRequest))]
[JsonSerializable(typeof(ListStackResourcesResponse))]
[JsonSerializable(typeof(GetTemplateRequest))]
[JsonSerializable(typeof(GetTemplateResponse))]
[JsonSerializable(typeof(GetTemplateSummaryRequest))]
[JsonSerializable(typeof(GetTemplateSummaryResponse))]
[JsonSerializable(typeof(ValidateTemplateRequest))]
[JsonSerializable(typeof(ValidateTemplateResponse))]
[JsonSerializable(typeof(CreateChangeSetRequest))]
[JsonSerializable(typeof(CreateChangeSetResponse))]
[JsonSerializable(typeof(DescribeChangeSetRequest))]
[JsonSerializable(typeof(DescribeChangeSetResponse))]
[JsonSerializable(typeof(ExecuteChangeSetRequest))]
[JsonSerializable(typeof(ExecuteChangeSetResponse))]
[JsonSerializable(typeof(DeleteChangeSetRequest))]
[JsonSerializable(typeof(DeleteChangeSetResponse))]
[JsonSerializable(typeof(ListChangeSetsRequest))]
[JsonSerializable(typeof(ListChangeSetsResponse))]
[JsonSerializable(typeof(ListExportsRequest))]
[JsonSerializable(typeof(ListExportsResponse))]
[JsonSerializable(typeof(ListImportsRequest))]
[JsonSerializable(typeof(ListImportsResponse))]
public sealed partial class CloudFormationJsonContext : JsonSerializerContext;
