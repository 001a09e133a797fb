using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record ImageScanStatus
{
    public ScanStatus? Status { get; init; }

    public string? Description { get; init; }
}
