using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Config.Model;
using Fargo.Local.Api;
using Fargo.Local.SecretsManager;

namespace Fargo.Local.Runtime;

/// <summary>
/// A task secret's valueFrom that names a Secrets Manager secret, as ECS reads it:
/// <c>arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key:version-stage:version-id]</c>
/// (empty selectors mean: the whole SecretString, AWSCURRENT).
/// </summary>
internal sealed record SecretsManagerReference(string SecretArn, string? JsonKey, string? VersionStage, string? VersionId)
{
    private const string Prefix = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): ";

    public static SecretsManagerReference? TryParse(string valueFrom) =>
        SecretsManagerValueFrom.TryParse(valueFrom) is { } reference
            ? new SecretsManagerReference(reference.Secret.ToString(), reference.JsonKey, reference.VersionStage, reference.VersionId)
            : null;

    /// <summary>ECS's stopped reason when the execution role may not read the secret.</summary>
    public static string AccessDenied(string secretArn, string message) =>
        Prefix + $"failed to fetch secret {secretArn} from secrets manager: AccessDeniedException: {message}";

    /// <summary>The value ECS would inject, or ECS's ResourceInitializationError when it can't be read.</summary>
    public string Resolve(SecretStore secrets)
    {
        if (Arn.TryParse(SecretArn) is not { Region: LocalRegionConstants.Region, Account: LocalRegionConstants.Account })
        {
            throw new LocalRuntimeException(Prefix + $"failed to fetch secret {SecretArn} from secrets manager: AccessDeniedException: the local region holds secrets of account {LocalRegionConstants.Account} in region {LocalRegionConstants.Region} only");
        }

        SecretValue value;
        try
        {
            value = secrets.GetValue(SecretArn, VersionId, VersionId is null ? VersionStage ?? SecretStore.Current : VersionStage);
        }
        catch (LocalServiceException e)
        {
            throw new LocalRuntimeException(Prefix + $"failed to fetch secret {SecretArn} from secrets manager: {e.Code}: {e.Message}");
        }

        if (JsonKey is null)
        {
            return value.SecretString ?? "";
        }

        try
        {
            if (JsonNode.Parse(value.SecretString ?? "") is JsonObject document && document[JsonKey] is { } field)
            {
                return field is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : field.ToJsonString();
            }
        }
        catch (JsonException)
        {
            throw new LocalRuntimeException(Prefix + $"retrieved secret from Secrets Manager did not contain json key {JsonKey}");
        }

        throw new LocalRuntimeException(Prefix + $"retrieved secret from Secrets Manager did not contain json key {JsonKey}");
    }
}
