using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.SecretsManager;

[JsonConverter(typeof(AwsConstantJsonConverter<StatusType>))]
public sealed record StatusType(string Value) : IAwsConstant<StatusType>
{
    public static StatusType InSync { get; } = new("InSync");
    public static StatusType Failed { get; } = new("Failed");
    public static StatusType InProgress { get; } = new("InProgress");

    public static IReadOnlyList<StatusType> KnownValues { get; } = [InSync, Failed, InProgress];

    public static StatusType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
