using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ssm;

[JsonConverter(typeof(AwsConstantJsonConverter<ParameterTier>))]
public sealed record ParameterTier(string Value) : IAwsConstant<ParameterTier>
{
    public static ParameterTier Standard { get; } = new("Standard");
    public static ParameterTier Advanced { get; } = new("Advanced");
    public static ParameterTier IntelligentTiering { get; } = new("Intelligent-Tiering");

    public static IReadOnlyList<ParameterTier> KnownValues { get; } = [Standard, Advanced, IntelligentTiering];

    public static ParameterTier FromWire(string value) => new(value);

    public override string ToString() => Value;
}
