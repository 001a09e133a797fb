using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<Compatibility>))]
public sealed record Compatibility(string Value) : IAwsConstant<Compatibility>
{
    public static Compatibility Ec2 { get; } = new("EC2");
    public static Compatibility Fargate { get; } = new("FARGATE");
    public static Compatibility External { get; } = new("EXTERNAL");

    public static IReadOnlyList<Compatibility> KnownValues { get; } = [Ec2, Fargate, External];

    public static Compatibility FromWire(string value) => new(value);

    public override string ToString() => Value;
}
