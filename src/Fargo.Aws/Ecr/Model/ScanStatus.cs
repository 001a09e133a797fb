using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

[JsonConverter(typeof(AwsConstantJsonConverter<ScanStatus>))]
public sealed record ScanStatus(string Value) : IAwsConstant<ScanStatus>
{
    public static ScanStatus InProgress { get; } = new("IN_PROGRESS");
    public static ScanStatus Complete { get; } = new("COMPLETE");
    public static ScanStatus Failed { get; } = new("FAILED");
    public static ScanStatus UnsupportedImage { get; } = new("UNSUPPORTED_IMAGE");
    public static ScanStatus Active { get; } = new("ACTIVE");
    public static ScanStatus Pending { get; } = new("PENDING");
    public static ScanStatus ScanEligibilityExpired { get; } = new("SCAN_ELIGIBILITY_EXPIRED");
    public static ScanStatus FindingsUnavailable { get; } = new("FINDINGS_UNAVAILABLE");

    public static IReadOnlyList<ScanStatus> KnownValues { get; } = [InProgress, Complete, Failed, UnsupportedImage, Active, Pending, ScanEligibilityExpired, FindingsUnavailable];

    public static ScanStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
