using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.SecretsManager;

[JsonConverter(typeof(AwsConstantJsonConverter<SortOrderType>))]
public sealed record SortOrderType(string Value) : IAwsConstant<SortOrderType>
{
    public static SortOrderType Asc { get; } = new("asc");
    public static SortOrderType Desc { get; } = new("desc");

    public static IReadOnlyList<SortOrderType> KnownValues { get; } = [Asc, Desc];

    public static SortOrderType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
