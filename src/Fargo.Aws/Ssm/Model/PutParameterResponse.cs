using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record PutParameterResponse
{
    public long? Version { get; init; }

    public ParameterTier? Tier { get; init; }
}
