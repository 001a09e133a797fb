using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

[JsonConverter(typeof(AwsConstantJsonConverter<EncryptionType>))]
public sealed record EncryptionType(string Value) : IAwsConstant<EncryptionType>
{
    public static EncryptionType Aes256 { get; } = new("AES256");
    public static EncryptionType Kms { get; } = new("KMS");

    public static IReadOnlyList<EncryptionType> KnownValues { get; } = [Aes256, Kms];

    public static EncryptionType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
