using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.SecretsManager;

/// <summary>
/// System.Text.Json metadata for Secrets Manager's awsJson1_1 wire: member names exactly as in the model
/// (PascalCase), absent members omitted, timestamps as epoch seconds, blobs as base64.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(CreateSecretRequest))]
[JsonSerializable(typeof(CreateSecretResponse))]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(DescribeSecretRequest))]
[JsonSerializable(typeof(DescribeSecretResponse))]
[JsonSerializable(typeof(PutSecretValueRequest))]
[JsonSerializable(typeof(PutSecretValueResponse))]
[JsonSerializable(typeof(UpdateSecretRequest))]
[JsonSerializable(typeof(UpdateSecretResponse))]
[JsonSerializable(typeof(DeleteSecretRequest))]
[JsonSerializable(typeof(DeleteSecretResponse))]
[JsonSerializable(typeof(ListSecretsRequest))]
[JsonSerializable(typeof(ListSecretsResponse))]
[JsonSerializable(typeof(GetRandomPasswordRequest))]
[JsonSerializable(typeof(GetRandomPasswordResponse))]
[JsonSerializable(typeof(RestoreSecretRequest))]
[JsonSerializable(typeof(RestoreSecretResponse))]
public sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
