using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record ImageIdentifier
{
    public string? ImageDigest { get; init; }

    public string? ImageTag { get; init; }
}
