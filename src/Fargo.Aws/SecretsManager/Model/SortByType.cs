using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.SecretsManager;

[JsonConverter(typeof(AwsConstantJsonConverter<SortByType>))]
public readonly record struct SortByType(string Value) : IAwsConstant<SortByType>
{
    public static SortByType CreatedDate { get; } = new("created-date");
    public static SortByType LastAccessedDate { get; } = new("last-accessed-date");
    public static SortByType LastChangedDate { get; } = new("last-changed-date");
    public static SortByType Name { get; } = new("name");

    public static IReadOnlyList<SortByType> KnownValues { get; } = [CreatedDate, LastAccessedDate, LastChangedDate, Name];

    public static SortByType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
