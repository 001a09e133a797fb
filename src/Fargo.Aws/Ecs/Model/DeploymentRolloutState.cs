using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<DeploymentRolloutState>))]
public sealed record DeploymentRolloutState(string Value) : IAwsConstant<DeploymentRolloutState>
{
    public static DeploymentRolloutState Completed { get; } = new("COMPLETED");
    public static DeploymentRolloutState Failed { get; } = new("FAILED");
    public static DeploymentRolloutState InProgress { get; } = new("IN_PROGRESS");

    public static IReadOnlyList<DeploymentRolloutState> KnownValues { get; } = [Completed, Failed, InProgress];

    public static DeploymentRolloutState FromWire(string value) => new(value);

    public override string ToString() => Value;
}
