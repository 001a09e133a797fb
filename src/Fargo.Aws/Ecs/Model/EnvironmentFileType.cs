using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<EnvironmentFileType>))]
public sealed record EnvironmentFileType(string Value) : IAwsConstant<EnvironmentFileType>
{
    public static EnvironmentFileType S3 { get; } = new("s3");

    public static IReadOnlyList<EnvironmentFileType> KnownValues { get; } = [S3];

    public static EnvironmentFileType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
