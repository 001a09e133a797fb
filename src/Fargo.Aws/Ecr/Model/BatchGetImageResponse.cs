using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record BatchGetImageResponse
{
    public IReadOnlyList<Image>? Images { get; init; }

    public IReadOnlyList<ImageFailure>? Failures { get; init; }
}
