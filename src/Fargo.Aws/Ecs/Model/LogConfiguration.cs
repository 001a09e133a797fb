using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record LogConfiguration
{
    public required LogDriver LogDriver { get; init; }

    public IReadOnlyDictionary<string, string>? Options { get; init; }

    public IReadOnlyList<Secret>? SecretOptions { get; init; }
}
