using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UpdateServiceResponse
{
    public Service? Service { get; init; }
}
