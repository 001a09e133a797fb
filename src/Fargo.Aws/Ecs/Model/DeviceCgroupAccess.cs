using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<DeviceCgroupAccess>))]
public sealed record DeviceCgroupAccess(string Value) : IAwsConstant<DeviceCgroupAccess>
{
    public static DeviceCgroupAccess Read { get; } = new("read");
    public static DeviceCgroupAccess Write { get; } = new("write");
    public static DeviceCgroupAccess Mknod { get; } = new("mknod");

    public static IReadOnlyList<DeviceCgroupAccess> KnownValues { get; } = [Read, Write, Mknod];

    public static DeviceCgroupAccess FromWire(string value) => new(value);

    public override string ToString() => Value;
}
