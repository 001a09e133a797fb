using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceConnectConfiguration
{
    public required bool Enabled { get; init; }

    public string? Namespace { get; init; }

    public IReadOnlyList<ServiceConnectService>? Services { get; init; }

    public LogConfiguration? LogConfiguration { get; init; }
}
