using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

[JsonConverter(typeof(AwsConstantJsonConverter<TemplateStage>))]
public sealed record TemplateStage(string Value) : IAwsConstant<TemplateStage>
{
    public static TemplateStage Original { get; } = new("Original");
    public static TemplateStage Processed { get; } = new("Processed");

    public static IReadOnlyList<TemplateStage> KnownValues { get; } = [Original, Processed];

    public static TemplateStage FromWire(string value) => new(value);

    public override string ToString() => Value;
}
