using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceConnectClientAlias
{
    public required int Port { get; init; }

    public string? DnsName { get; init; }
}
