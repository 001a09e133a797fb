using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record EnvironmentFile
{
    public required string Value { get; init; }

    public required EnvironmentFileType Type { get; init; }
}
