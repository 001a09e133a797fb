using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record UpdateStackRequest
{
    public required string StackName { get; init; }

    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }

    public bool? UsePreviousTemplate { get; init; }

    public string? StackPolicyDuringUpdateBody { get; init; }

    public string? StackPolicyDuringUpdateURL { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public IReadOnlyList<string>? ResourceTypes { get; init; }

    public string? RoleARN { get; init; }

    public RollbackConfiguration? RollbackConfiguration { get; init; }

    public string? StackPolicyBody { get; init; }

    public string? StackPolicyURL { get; init; }

    public IReadOnlyList<string>? NotificationARNs { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? DisableRollback { get; init; }

    public string? ClientRequestToken { get; init; }

    public bool? RetainExceptOnCreate { get; init; }
}
