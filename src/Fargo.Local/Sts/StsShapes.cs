using System.Text.Json.Serialization;

namespace Fargo.Local.Sts;

// STS's response shapes (awsQuery XML) for the role assumptions, members named and ordered as STS's model has them.

internal sealed record CredentialsShape(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration);

internal sealed record AssumedRoleUserShape(string AssumedRoleId, string Arn);

internal sealed record AssumeRoleResult(CredentialsShape Credentials, AssumedRoleUserShape AssumedRoleUser, int PackedPolicySize);

internal sealed record AssumeRoleWithWebIdentityResult(
    CredentialsShape Credentials,
    string SubjectFromWebIdentityToken,
    AssumedRoleUserShape AssumedRoleUser,
    int PackedPolicySize,
    string Provider,
    string Audience);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AssumeRoleResult))]
[JsonSerializable(typeof(AssumeRoleWithWebIdentityResult))]
internal sealed partial class StsShapesJsonContext : JsonSerializerContext;
