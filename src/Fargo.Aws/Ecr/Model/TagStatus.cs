using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

[JsonConverter(typeof(AwsConstantJsonConverter<TagStatus>))]
public sealed record TagStatus(string Value) : IAwsConstant<TagStatus>
{
    public static TagStatus Tagged { get; } = new("TAGGED");
    public static TagStatus Untagged { get; } = new("UNTAGGED");
    public static TagStatus Any { get; } = new("ANY");

    public static IReadOnlyList<TagStatus> KnownValues { get; } = [Tagged, Untagged, Any];

    public static TagStatus FromWire(string value) => new(value);

    public override string ToString() => Value;
}
