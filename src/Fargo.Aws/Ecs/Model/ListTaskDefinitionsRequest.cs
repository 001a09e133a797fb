using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListTaskDefinitionsRequest
{
    public string? FamilyPrefix { get; init; }

    public TaskDefinitionStatus? Status { get; init; }

    public SortOrder? Sort { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}
