using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

/// <summary>
/// System.Text.Json metadata for ECR's awsJson1_1 wire: member names exactly as in the model
/// (camelCase), absent members omitted, timestamps as epoch seconds.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(CreateRepositoryRequest))]
[JsonSerializable(typeof(CreateRepositoryResponse))]
[JsonSerializable(typeof(DescribeRepositoriesRequest))]
[JsonSerializable(typeof(DescribeRepositoriesResponse))]
[JsonSerializable(typeof(DescribeImagesRequest))]
[JsonSerializable(typeof(DescribeImagesResponse))]
[JsonSerializable(typeof(BatchGetImageRequest))]
[JsonSerializable(typeof(BatchGetImageResponse))]
[JsonSerializable(typeof(PutImageRequest))]
[JsonSerializable(typeof(PutImageResponse))]
[JsonSerializable(typeof(BatchDeleteImageRequest))]
[JsonSerializable(typeof(BatchDeleteImageResponse))]
[JsonSerializable(typeof(GetAuthorizationTokenRequest))]
[JsonSerializable(typeof(GetAuthorizationTokenResponse))]
[JsonSerializable(typeof(PutImageTagMutabilityRequest))]
[JsonSerializable(typeof(PutImageTagMutabilityResponse))]
[JsonSerializable(typeof(PutImageScanningConfigurationRequest))]
[JsonSerializable(typeof(PutImageScanningConfigurationResponse))]
[JsonSerializable(typeof(PutLifecyclePolicyRequest))]
[JsonSerializable(typeof(PutLifecyclePolicyResponse))]
[JsonSerializable(typeof(GetLifecyclePolicyRequest))]
[JsonSerializable(typeof(GetLifecyclePolicyResponse))]
[JsonSerializable(typeof(DeleteRepositoryRequest))]
[JsonSerializable(typeof(DeleteRepositoryResponse))]
public sealed partial class EcrJsonContext : JsonSerializerContext;
