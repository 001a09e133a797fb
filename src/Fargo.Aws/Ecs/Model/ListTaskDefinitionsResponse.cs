using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListTaskDefinitionsResponse
{
    public IReadOnlyList<string>? TaskDefinitionArns { get; init; }

    public string? NextToken { get; init; }
}
