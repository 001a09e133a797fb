using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceConnectServiceResource
{
    public string? DiscoveryName { get; init; }

    public string? DiscoveryArn { get; init; }
}
