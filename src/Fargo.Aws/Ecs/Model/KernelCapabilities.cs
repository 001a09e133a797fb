using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record KernelCapabilities
{
    public IReadOnlyList<string>? Add { get; init; }

    public IReadOnlyList<string>? Drop { get; init; }
}
