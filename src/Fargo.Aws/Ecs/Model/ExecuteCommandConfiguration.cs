using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ExecuteCommandConfiguration
{
    public string? KmsKeyId { get; init; }

    public ExecuteCommandLogging? Logging { get; init; }

    public ExecuteCommandLogConfiguration? LogConfiguration { get; init; }
}
