using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record ParametersFilter
{
    public required ParametersFilterKey Key { get; init; }

    public required IReadOnlyList<string> Values { get; init; }
}
