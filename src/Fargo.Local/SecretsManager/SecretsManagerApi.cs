using Fargo.Aws;
using Fargo.Aws.SecretsManager;
using Fargo.Local.Api;

namespace Fargo.Local.SecretsManager;

/// <summary>Secrets Manager's operations on the wire (JSON 1.1), served by the <see cref="SecretStore"/>.</summary>
internal static class SecretsManagerApi
{
    public static JsonOperationTable Create(SecretStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var json = SecretsManagerJsonContext.Default;
        return new JsonOperationTable(AwsServices.SecretsManager)
            .Add("CreateSecret", json.CreateSecretRequest, json.CreateSecretResponse, request =>
            {
                var secret = store.Create(request.Name, request.Description, request.KmsKeyId, request.SecretString, request.SecretBinary, request.ClientRequestToken,
                    request.Tags?.Select(t => new KeyValuePair<string, string>(t.Key ?? "", t.Value ?? "")).ToList());
                return new CreateSecretResponse { ARN = secret.Arn, Name = secret.Name, VersionId = secret.Versions.LastOrDefault()?.VersionId, ReplicationStatus = [] };
            })
            .Add("GetSecretValue", json.GetSecretValueRequest, json.GetSecretValueResponse, request =>
            {
                var value = store.GetValue(request.SecretId, request.VersionId, request.VersionStage);
                return new GetSecretValueResponse
                {
                    ARN = value.Arn,
                    Name = value.Name,
                    VersionId = value.VersionId,
                    SecretString = value.SecretString,
                    SecretBinary = value.SecretBinary,
                    VersionStages = value.Stages,
                    CreatedDate = value.CreatedDate,
                };
            })
            .Add("DescribeSecret", json.DescribeSecretRequest, json.DescribeSecretResponse, request =>
            {
                var secret = store.Describe(request.SecretId);
                return new DescribeSecretResponse
                {
                    ARN = secret.Arn,
                    Name = secret.Name,
                    Description = secret.Description,
                    KmsKeyId = secret.KmsKeyId,
                    RotationEnabled = false,
                    LastChangedDate = secret.LastChangedDate,
                    LastAccessedDate = secret.LastAccessedDate,
                    DeletedDate = secret.DeletionDate,
                    Tags = secret.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
                    VersionIdsToStages = Stages(secret),
                    CreatedDate = secret.CreatedDate,
                };
            })
            .Add("PutSecretValue", json.PutSecretValueRequest, json.PutSecretValueResponse, request =>
            {
                var (secret, version) = store.PutValue(request.SecretId, request.SecretString, request.SecretBinary, request.ClientRequestToken, request.VersionStages);
                return new PutSecretValueResponse { ARN = secret.Arn, Name = secret.Name, VersionId = version.VersionId, VersionStages = version.Stages };
            })
            .Add("UpdateSecret", json.UpdateSecretRequest, json.UpdateSecretResponse, request =>
            {
                var (secret, version) = store.Update(request.SecretId, request.Description, request.KmsKeyId, request.SecretString, request.SecretBinary, request.ClientRequestToken);
                return new UpdateSecretResponse { ARN = secret.Arn, Name = secret.Name, VersionId = version?.VersionId };
            })
            .Add("DeleteSecret", json.DeleteSecretRequest, json.DeleteSecretResponse, request =>
            {
                var secret = store.Delete(request.SecretId, request.RecoveryWindowInDays, request.ForceDeleteWithoutRecovery ?? false);
                return new DeleteSecretResponse { ARN = secret.Arn, Name = secret.Name, DeletionDate = secret.DeletionDate };
            })
            .Add("RestoreSecret", json.RestoreSecretRequest, json.RestoreSecretResponse, request =>
            {
                var secret = store.Restore(request.SecretId);
                return new RestoreSecretResponse { ARN = secret.Arn, Name = secret.Name };
            })
            .Add("ListSecrets", json.ListSecretsRequest, json.ListSecretsResponse, request =>
            {
                var filters = request.Filters?.Select(f => (f.Key?.Value ?? "", f.Values ?? (IReadOnlyList<string>)[])).ToList() ?? [];
                var (secrets, next) = store.List(request.IncludePlannedDeletion ?? false, filters, request.SortOrder?.Value == "desc", request.MaxResults, request.NextToken);
                return new ListSecretsResponse
                {
                    SecretList = secrets.Select(s => new SecretListEntry
                    {
                        ARN = s.Arn,
                        Name = s.Name,
                        Description = s.Description,
                        KmsKeyId = s.KmsKeyId,
                        RotationEnabled = false,
                        LastChangedDate = s.LastChangedDate,
                        LastAccessedDate = s.LastAccessedDate,
                        DeletedDate = s.DeletionDate,
                        Tags = s.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
                        SecretVersionsToStages = Stages(s),
                        CreatedDate = s.CreatedDate,
                    }).ToList(),
                    NextToken = next,
                };
            })
            .Add("GetRandomPassword", json.GetRandomPasswordRequest, json.GetRandomPasswordResponse, request => new GetRandomPasswordResponse
            {
                RandomPassword = SecretStore.RandomPassword(request.PasswordLength, request.ExcludeCharacters, request.ExcludeNumbers ?? false, request.ExcludePunctuation ?? false,
                    request.ExcludeUppercase ?? false, request.ExcludeLowercase ?? false, request.IncludeSpace ?? false, request.RequireEachIncludedType ?? true),
            });
    }

    private static Dictionary<string, IReadOnlyList<string>> Stages(SecretRecord secret) =>
        secret.Versions.Where(v => v.Stages.Count > 0).ToDictionary(v => v.VersionId, v => (IReadOnlyList<string>)[.. v.Stages], StringComparer.Ordinal);
}
