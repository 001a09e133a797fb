using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<LaunchType>))]
public sealed record LaunchType(string Value) : IAwsConstant<LaunchType>
{
    public static LaunchType Ec2 { get; } = new("EC2");
    public static LaunchType Fargate { get; } = new("FARGATE");
    public static LaunchType External { get; } = new("EXTERNAL");

    public static IReadOnlyList<LaunchType> KnownValues { get; } = [Ec2, Fargate, External];

    public static LaunchType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
