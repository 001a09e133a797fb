using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<ResourceAttribute>))]
public sealed record ResourceAttribute(string Value) : IAwsConstant<ResourceAttribute>
{
    public static ResourceAttribute Properties { get; } = new("Properties");
    public static ResourceAttribute Metadata { get; } = new("Metadata");
    public static ResourceAttribute CreationPolicy { get; } = new("CreationPolicy");
    public static ResourceAttribute UpdatePolicy { get; } = new("UpdatePolicy");
    public static ResourceAttribute DeletionPolicy { get; } = new("DeletionPolicy");
    public static ResourceAttribute Tags { get; } = new("Tags");

    public static IReadOnlyList<ResourceAttribute> KnownValues { get; } = [Properties, Metadata, CreationPolicy, UpdatePolicy, DeletionPolicy, Tags];

    public static ResourceAttribute FromWire(string value) => new(value);

    public override string ToString() => Value;
}
