using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<UlimitName>))]
public sealed record UlimitName(string Value) : IAwsConstant<UlimitName>
{
    public static UlimitName Core { get; } = new("core");
    public static UlimitName Cpu { get; } = new("cpu");
    public static UlimitName Data { get; } = new("data");
    public static UlimitName Fsize { get; } = new("fsize");
    public static UlimitName Locks { get; } = new("locks");
    public static UlimitName Memlock { get; } = new("memlock");
    public static UlimitName Msgqueue { get; } = new("msgqueue");
    public static UlimitName Nice { get; } = new("nice");
    public static UlimitName Nofile { get; } = new("nofile");
    public static UlimitName Nproc { get; } = new("nproc");
    public static UlimitName Rss { get; } = new("rss");
    public static UlimitName Rtprio { get; } = new("rtprio");
    public static UlimitName Rttime { get; } = new("rttime");
    public static UlimitName Sigpending { get; } = new("sigpending");
    public static UlimitName Stack { get; } = new("stack");

    public static IReadOnlyList<UlimitName> KnownValues { get; } = [Core, Cpu, Data, Fsize, Locks, Memlock, Msgqueue, Nice, Nofile, Nproc, Rss, Rtprio, Rttime, Sigpending, Stack];

    public static UlimitName FromWire(string value) => new(value);

    public override string ToString() => Value;
}
