using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Iam;

[JsonConverter(typeof(AwsConstantJsonConverter<ContextKeyType>))]
public sealed record ContextKeyType(string Value) : IAwsConstant<ContextKeyType>
{
#pragma warning disable CA1720 // "string" is the key type's own name in IAM; a different name would hide it.
    public static ContextKeyType String { get; } = new("string");
#pragma warning restore CA1720
    public static ContextKeyType StringList { get; } = new("stringList");
    public static ContextKeyType Numeric { get; } = new("numeric");
    public static ContextKeyType NumericList { get; } = new("numericList");
    public static ContextKeyType Boolean { get; } = new("boolean");
    public static ContextKeyType BooleanList { get; } = new("booleanList");
    public static ContextKeyType Ip { get; } = new("ip");
    public static ContextKeyType IpList { get; } = new("ipList");
    public static ContextKeyType Binary { get; } = new("binary");
    public static ContextKeyType BinaryList { get; } = new("binaryList");
    public static ContextKeyType Date { get; } = new("date");
    public static ContextKeyType DateList { get; } = new("dateList");

    public static IReadOnlyList<ContextKeyType> KnownValues { get; } =
        [String, StringList, Numeric, NumericList, Boolean, BooleanList, Ip, IpList, Binary, BinaryList, Date, DateList];

    public static ContextKeyType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
