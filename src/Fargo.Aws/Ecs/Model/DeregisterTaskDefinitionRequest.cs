using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeregisterTaskDefinitionRequest
{
    public required string TaskDefinition { get; init; }
}
