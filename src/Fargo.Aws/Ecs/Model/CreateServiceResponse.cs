using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record CreateServiceResponse
{
    public Service? Service { get; init; }
}
