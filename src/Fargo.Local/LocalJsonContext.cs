using System.Text.Json.Serialization;
using Fargo.Local.Ecr;
using Fargo.Local.Ecs;
using Fargo.Local.Ssm;

namespace Fargo.Local;

/// <summary>How the engine's own records are stored in state.db (not a wire format).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ParameterRecord))]
[JsonSerializable(typeof(RepositoryRecord))]
[JsonSerializable(typeof(TaskDefinitionRecord))]
[JsonSerializable(typeof(ClusterRecord))]
[JsonSerializable(typeof(CapacityProviderRecord))]
[JsonSerializable(typeof(ServiceRecord))]
[JsonSerializable(typeof(TaskRecord))]
[JsonSerializable(typeof(SecretsManager.SecretRecord))]
[JsonSerializable(typeof(CertificateManager.CertificateRecord))]
[JsonSerializable(typeof(Sts.RoleSessionRecord))]
[JsonSerializable(typeof(Sts.SealedSessionSecret))]
[JsonSerializable(typeof(Iam.RoleRecord))]
[JsonSerializable(typeof(Iam.ManagedPolicyRecord))]
[JsonSerializable(typeof(Iam.OidcProviderRecord))]
[JsonSerializable(typeof(S3.BucketRecord))]
[JsonSerializable(typeof(S3.ObjectVersionRecord))]
[JsonSerializable(typeof(S3.MultipartUploadRecord))]
[JsonSerializable(typeof(CloudFront.DistributionRecord))]
[JsonSerializable(typeof(ServiceDiscovery.NamespaceRecord))]
[JsonSerializable(typeof(ServiceDiscovery.DiscoveryServiceRecord))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
