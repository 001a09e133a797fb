using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record FirelensConfiguration
{
    public required FirelensConfigurationType Type { get; init; }

    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
