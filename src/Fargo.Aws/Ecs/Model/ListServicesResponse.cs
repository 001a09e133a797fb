using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListServicesResponse
{
    public IReadOnlyList<string>? ServiceArns { get; init; }

    public string? NextToken { get; init; }
}
