using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record NotScaledReason
{
    public required string Code { get; init; }

    public int? MaxCapacity { get; init; }

    public int? MinCapacity { get; init; }

    public int? CurrentCapacity { get; init; }
}
