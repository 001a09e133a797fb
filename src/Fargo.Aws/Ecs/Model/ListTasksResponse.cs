using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListTasksResponse
{
    public IReadOnlyList<string>? TaskArns { get; init; }

    public string? NextToken { get; init; }
}
