using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudWatchLogs;

[JsonConverter(typeof(AwsConstantJsonConverter<DataProtectionStatus>))]
public sealed record DataProtectionStatus(string Value) : IAwsConstant<DataProtectionStatus>
{
    public static DataProtectionStatus Activated { get; } = new("ACTIVATED");
    public static DataProtectionStatus Deleted { get; } = new("DELETED");
    public static DataProtectionStatus Archived { get; } = new("ARCHIVED");
    public static DataProtectionStatus Disabled { get; } = new("DISABLED");

    public static IReadOnlyList<DataProtectionStatus> KnownValues { get; } = [Activated, Deleted, Archived, Disabled];

    public static DataProtectionStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
