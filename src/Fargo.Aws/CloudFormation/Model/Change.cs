using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record Change
{
    public ChangeType? Type { get; init; }

    public int? HookInvocationCount { get; init; }

    public ResourceChange? ResourceChange { get; init; }
}
