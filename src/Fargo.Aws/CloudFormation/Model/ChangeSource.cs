using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ChangeSource>))]
public sealed record ChangeSource(string Value) : IAwsConstant<ChangeSource>
{
    public static ChangeSource ResourceReference { get; } = new("ResourceReference");
    public static ChangeSource ParameterReference { get; } = new("ParameterReference");
    public static ChangeSource ResourceAttribute { get; } = new("ResourceAttribute");
    public static ChangeSource DirectModification { get; } = new("DirectModification");
    public static ChangeSource Automatic { get; } = new("Automatic");

    public static IReadOnlyList<ChangeSource> KnownValues { get; } = [ResourceReference, ParameterReference, ResourceAttribute, DirectModification, Automatic];

    public static ChangeSource FromWire(string value) => new(value);

    public override string ToString() => Value;
}
