using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record Tag
{
    [JsonPropertyName("Key")]
    public required string Key { get; init; }

    [JsonPropertyName("Value")]
    public required string Value { get; init; }
}
