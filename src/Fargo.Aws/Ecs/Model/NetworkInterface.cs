using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record NetworkInterface
{
    public string? AttachmentId { get; init; }

    public string? PrivateIpv4Address { get; init; }

    public string? Ipv6Address { get; init; }
}
