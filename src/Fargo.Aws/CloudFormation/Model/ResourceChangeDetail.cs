using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ResourceChangeDetail
{
    public ResourceTargetDefinition? Target { get; init; }

    public EvaluationType? Evaluation { get; init; }

    public ChangeSource? ChangeSource { get; init; }

    public string? CausingEntity { get; init; }
}
