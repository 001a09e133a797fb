using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record ImageFailure
{
    public ImageIdentifier? ImageId { get; init; }

    public ImageFailureCode? FailureCode { get; init; }

    public string? FailureReason { get; init; }
}
