using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<EfsAuthorizationConfigIam>))]
public sealed record EfsAuthorizationConfigIam(string Value) : IAwsConstant<EfsAuthorizationConfigIam>
{
    public static EfsAuthorizationConfigIam Enabled { get; } = new("ENABLED");
    public static EfsAuthorizationConfigIam Disabled { get; } = new("DISABLED");

    public static IReadOnlyList<EfsAuthorizationConfigIam> KnownValues { get; } = [Enabled, Disabled];

    public static EfsAuthorizationConfigIam FromWire(string value) => new(value);

    public override string ToString() => Value;
}
