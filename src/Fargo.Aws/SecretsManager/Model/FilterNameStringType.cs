using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.SecretsManager;

[JsonConverter(typeof(AwsConstantJsonConverter<FilterNameStringType>))]
public sealed record FilterNameStringType(string Value) : IAwsConstant<FilterNameStringType>
{
    public static FilterNameStringType Description { get; } = new("description");
    public static FilterNameStringType Name { get; } = new("name");
    public static FilterNameStringType TagKey { get; } = new("tag-key");
    public static FilterNameStringType TagValue { get; } = new("tag-value");
    public static FilterNameStringType PrimaryRegion { get; } = new("primary-region");
    public static FilterNameStringType OwningService { get; } = new("owning-service");
    public static FilterNameStringType All { get; } = new("all");

    public static IReadOnlyList<FilterNameStringType> KnownValues { get; } = [Description, Name, TagKey, TagValue, PrimaryRegion, OwningService, All];

    public static FilterNameStringType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
