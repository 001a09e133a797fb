using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record ParameterStringFilter
{
    public required string Key { get; init; }

    public string? Option { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}
