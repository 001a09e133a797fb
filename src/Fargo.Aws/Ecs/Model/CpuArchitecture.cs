using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<CpuArchitecture>))]
public sealed record CpuArchitecture(string Value) : IAwsConstant<CpuArchitecture>
{
    public static CpuArchitecture X64 { get; } = new("X86_64");
    public static CpuArchitecture Arm64 { get; } = new("ARM64");

    public static IReadOnlyList<CpuArchitecture> KnownValues { get; } = [X64, Arm64];

    public static CpuArchitecture FromWire(string value) => new(value);

    public override string ToString() => Value;
}
