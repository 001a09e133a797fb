using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record ImageScanningConfiguration
{
    public bool? ScanOnPush { get; init; }
}
