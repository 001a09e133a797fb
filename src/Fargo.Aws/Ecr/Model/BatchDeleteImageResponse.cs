using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record BatchDeleteImageResponse
{
    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }

    public IReadOnlyList<ImageFailure>? Failures { get; init; }
}
