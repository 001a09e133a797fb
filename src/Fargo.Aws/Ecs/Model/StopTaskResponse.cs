using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record StopTaskResponse
{
    public EcsTask? Task { get; init; }
}
