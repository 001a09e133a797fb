using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<OSFamily>))]
public sealed record OSFamily(string Value) : IAwsConstant<OSFamily>
{
    public static OSFamily WindowsServer2019Full { get; } = new("WINDOWS_SERVER_2019_FULL");
    public static OSFamily WindowsServer2019Core { get; } = new("WINDOWS_SERVER_2019_CORE");
    public static OSFamily WindowsServer2016Full { get; } = new("WINDOWS_SERVER_2016_FULL");
    public static OSFamily WindowsServer2004Core { get; } = new("WINDOWS_SERVER_2004_CORE");
    public static OSFamily WindowsServer2022Core { get; } = new("WINDOWS_SERVER_2022_CORE");
    public static OSFamily WindowsServer2022Full { get; } = new("WINDOWS_SERVER_2022_FULL");
    public static OSFamily WindowsServer20h2Core { get; } = new("WINDOWS_SERVER_20H2_CORE");
    public static OSFamily Linux { get; } = new("LINUX");

    public static IReadOnlyList<OSFamily> KnownValues { get; } = [WindowsServer2019Full, WindowsServer2019Core, WindowsServer2016Full, WindowsServer2004Core, WindowsServer2022Core, WindowsServer2022Full, WindowsServer20h2Core, Linux];

    public static OSFamily FromWire(string value) => new(value);

    public override string ToString() => Value;
}
