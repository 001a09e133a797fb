using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<SortOrder>))]
public sealed record SortOrder(string Value) : IAwsConstant<SortOrder>
{
    public static SortOrder Asc { get; } = new("ASC");
    public static SortOrder Desc { get; } = new("DESC");

    public static IReadOnlyList<SortOrder> KnownValues { get; } = [Asc, Desc];

    public static SortOrder FromWire(string value) => new(value);

    public override string ToString() => Value;
}
