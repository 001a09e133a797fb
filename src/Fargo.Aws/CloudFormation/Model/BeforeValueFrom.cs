using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<BeforeValueFrom>))]
public readonly record struct BeforeValueFrom(string Value) : IAwsConstant<BeforeValueFrom>
{
    public static BeforeValueFrom PreviousDeploymentState { get; } = new("PREVIOUS_DEPLOYMENT_STATE");
    public static BeforeValueFrom ActualState { get; } = new("ACTUAL_STATE");

    public static IReadOnlyList<BeforeValueFrom> KnownValues { get; } = [PreviousDeploymentState, ActualState];

    public static BeforeValueFrom FromWire(string value) => new(value);

    public override string ToString() => Value;
}
