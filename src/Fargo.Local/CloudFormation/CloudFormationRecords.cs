using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fargo.Local.CloudFormation;

/// <summary>A resource of a stack as the engine keeps it.</summary>
internal sealed class StackResourceRecord
{
    public required string LogicalId { get; init; }

    public required string Type { get; set; }

    public string? PhysicalId { get; set; }

    public required string Status { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>The resolved properties the resource was last made or updated with.</summary>
    public JsonObject Properties { get; set; } = [];

    public Dictionary<string, JsonNode?> Attributes { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastUpdated { get; set; }

    public string? DeletionPolicy { get; set; }

    public string? UpdateReplacePolicy { get; set; }

    public string? Description { get; set; }

    public JsonNode? Metadata { get; set; }

    /// <summary>The resources this one waited for when made: deletion runs in the reverse order.</summary>
    public List<string> DependsOn { get; set; } = [];
}

internal sealed record StackParameterRecord(string Key, string Value, bool NoEcho);

internal sealed record StackOutputRecord(string Key, string Value, string? Description, string? ExportName);

internal sealed record StackTagRecord(string Key, string Value);

/// <summary>A stack: its template, parameters, resources, outputs and status.</summary>
internal sealed class StackRecord
{
    public required string StackId { get; init; }

    public required string StackName { get; init; }

    public required string Status { get; set; }

    public string? StatusReason { get; set; }

    public required DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; set; }

    public DateTimeOffset? DeletionTime { get; set; }

    public string TemplateBody { get; set; } = "";

    public string? Description { get; set; }

    public List<StackParameterRecord> Parameters { get; set; } = [];

    public List<StackOutputRecord> Outputs { get; set; } = [];

    public List<StackTagRecord> Tags { get; set; } = [];

    public List<string> Capabilities { get; set; } = [];

    public bool DisableRollback { get; set; }

    public string? ChangeSetId { get; set; }

    /// <summary>The exports this stack imports (kept current after every operation), for in-use protection and ListImports.</summary>
    public List<string> Imports { get; set; } = [];

    public Dictionary<string, StackResourceRecord> Resources { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public bool IsDeleted => Status == "DELETE_COMPLETE";
}

/// <summary>One event of a stack, as DescribeStackEvents shows it.</summary>
internal sealed record StackEventRecord(
    string StackId,
    string EventId,
    string StackName,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    DateTimeOffset Timestamp,
    string ResourceStatus,
    string? ResourceStatusReason,
    string? ResourceProperties);

/// <summary>One resource change of a change set.</summary>
internal sealed record ResourceChangeRecord(
    string Action,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    string? Replacement,
    IReadOnlyList<string> Scope,
    IReadOnlyList<ChangeDetailRecord> Details);

internal sealed record ChangeDetailRecord(string Attribute, string? Name, string? RequiresRecreation, string Evaluation, string ChangeSource, string? CausingEntity);

/// <summary>A change set: the submitted template and parameters, and the changes computed from them.</summary>
internal sealed class ChangeSetRecord
{
    public required string ChangeSetId { get; init; }

    public required string ChangeSetName { get; init; }

    public required string StackId { get; init; }

    public required string StackName { get; init; }

    public required string ChangeSetType { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? Description { get; init; }

    public required string TemplateBody { get; init; }

    public List<StackParameterRecord> Parameters { get; init; } = [];

    public List<StackTagRecord> Tags { get; init; } = [];

    public List<string> Capabilities { get; init; } = [];

    public string Status { get; set; } = "CREATE_PENDING";

    public string? StatusReason { get; set; }

    public string ExecutionStatus { get; set; } = "UNAVAILABLE";

    public List<ResourceChangeRecord> Changes { get; set; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StackRecord))]
[JsonSerializable(typeof(StackEventRecord))]
[JsonSerializable(typeof(ChangeSetRecord))]
internal sealed partial class CloudFormationStateJsonContext : JsonSerializerContext;
