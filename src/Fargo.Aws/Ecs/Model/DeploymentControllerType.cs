using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<DeploymentControllerType>))]
public sealed record DeploymentControllerType(string Value) : IAwsConstant<DeploymentControllerType>
{
    public static DeploymentControllerType Ecs { get; } = new("ECS");
    public static DeploymentControllerType CodeDeploy { get; } = new("CODE_DEPLOY");
    public static DeploymentControllerType External { get; } = new("EXTERNAL");

    public static IReadOnlyList<DeploymentControllerType> KnownValues { get; } = [Ecs, CodeDeploy, External];

    public static DeploymentControllerType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
