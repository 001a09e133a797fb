using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<ScalingActivityStatusCode>))]
public sealed record ScalingActivityStatusCode(string Value) : IAwsConstant<ScalingActivityStatusCode>
{
    public static ScalingActivityStatusCode Pending { get; } = new("Pending");
    public static ScalingActivityStatusCode InProgress { get; } = new("InProgress");
    public static ScalingActivityStatusCode Successful { get; } = new("Successful");
    public static ScalingActivityStatusCode Overridden { get; } = new("Overridden");
    public static ScalingActivityStatusCode Unfulfilled { get; } = new("Unfulfilled");
    public static ScalingActivityStatusCode Failed { get; } = new("Failed");

    public static IReadOnlyList<ScalingActivityStatusCode> KnownValues { get; } = [Pending, InProgress, Successful, Overridden, Unfulfilled, Failed];

    public static ScalingActivityStatusCode FromWire(string value) => new(value);

    public override string ToString() => Value;
}
