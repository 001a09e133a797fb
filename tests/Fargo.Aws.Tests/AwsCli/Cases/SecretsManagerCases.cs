using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.SecretsManager;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class SecretsManagerCases
{
    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:fargo/prod/todo-api/DATABASE_URL-a1B2c3";
    private const string SecretName = "fargo/prod/todo-api/DATABASE_URL";

    // Version ids are client request tokens; the CLI generates one when none is given, so every writing case names its own.
    private const string FirstVersion = "0e5f1c2a-7b3d-4e8f-9a1b-2c3d4e5f6a70";
    private const string SecondVersion = "6b9d2e4f-1a3c-4d5e-8f7a-9b0c1d2e3f41";

    private static SecretsManagerJsonContext Ctx => SecretsManagerJsonContext.Default;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("CreateSecret",
            new CreateSecretRequest
            {
                Name = SecretName,
                ClientRequestToken = FirstVersion,
                Description = "todo-api database connection",
                SecretString = "postgres://todo:s3cr3t@db.internal:5432/todo",
                Tags = [new Tag { Key = "fargo:service", Value = "todo-api" }, new Tag { Key = "env", Value = "prod" }],
            },
            Ctx.CreateSecretRequest, Ctx.CreateSecretResponse, (c, r, ct) => c.CreateSecretAsync(r, ct),
            $$"""{"ARN":"{{SecretArn}}","Name":"{{SecretName}}","VersionId":"{{FirstVersion}}"}""",
            ["--name", SecretName, "--client-request-token", FirstVersion, "--description", "todo-api database connection",
             "--secret-string", "postgres://todo:s3cr3t@db.internal:5432/todo",
             "--tags", "Key=fargo:service,Value=todo-api", "Key=env,Value=prod"]);

        yield return Case("GetSecretValue",
            new GetSecretValueRequest { SecretId = SecretName, VersionStage = "AWSCURRENT" },
            Ctx.GetSecretValueRequest, Ctx.GetSecretValueResponse, (c, r, ct) => c.GetSecretValueAsync(r, ct),
            $$"""
            {"ARN":"{{SecretArn}}","Name":"{{SecretName}}","VersionId":"{{SecondVersion}}",
             "SecretString":"postgres://todo:n3w@db.internal:5432/todo","VersionStages":["AWSCURRENT"],"CreatedDate":1714558830.123}
            """,
            ["--secret-id", SecretName, "--version-stage", "AWSCURRENT"]);

        yield return Case("DescribeSecret",
            new DescribeSecretRequest { SecretId = SecretArn },
            Ctx.DescribeSecretRequest, Ctx.DescribeSecretResponse, (c, r, ct) => c.DescribeSecretAsync(r, ct),
            $$"""
            {"ARN":"{{SecretArn}}","Name":"{{SecretName}}","Description":"todo-api database connection",
             "RotationEnabled":false,"LastChangedDate":1714558830.123,"LastAccessedDate":1714521600,
             "Tags":[{"Key":"fargo:service","Value":"todo-api"}],
             "VersionIdsToStages":{"{{FirstVersion}}":["AWSPREVIOUS"],"{{SecondVersion}}":["AWSCURRENT","AWSPENDING"]},
             "CreatedDate":1714000000.5}
            """,
            ["--secret-id", SecretArn]);

        yield return Case("PutSecretValue",
            new PutSecretValueRequest
            {
                SecretId = SecretArn,
                ClientRequestToken = SecondVersion,
                SecretBinary = [0x00, 0x01, 0xfe, 0xff, 0x42],
                VersionStages = ["AWSCURRENT"],
            },
            Ctx.PutSecretValueRequest, Ctx.PutSecretValueResponse, (c, r, ct) => c.PutSecretValueAsync(r, ct),
            $$"""{"ARN":"{{SecretArn}}","Name":"{{SecretName}}","VersionId":"{{SecondVersion}}","VersionStages":["AWSCURRENT"]}""");

        yield return Case("UpdateSecret",
            new UpdateSecretRequest
            {
                SecretId = SecretName,
                ClientRequestToken = SecondVersion,
                Description = "todo-api database connection (rotated)",
                SecretString = "postgres://todo:n3w@db.internal:5432/todo",
            },
            Ctx.UpdateSecretRequest, Ctx.UpdateSecretResponse, (c, r, ct) => c.UpdateSecretAsync(r, ct),
            $$"""{"ARN":"{{SecretArn}}","Name":"{{SecretName}}","VersionId":"{{SecondVersion}}"}""",
            ["--secret-id", SecretName, "--client-request-token", SecondVersion, "--description", "todo-api database connection (rotated)",
             "--secret-string", "postgres://todo:n3w@db.internal:5432/todo"]);

        yield return Case("DeleteSecret",
            new DeleteSecretRequest { SecretId = SecretName, RecoveryWindowInDays = 7 },
            Ctx.DeleteSecretRequest, Ctx.DeleteSecretResponse, (c, r, ct) => c.DeleteSecretAsync(r, ct),
            $$"""{"ARN":"{{SecretArn}}","Name":"{{SecretName}}","DeletionDate":1715163630.123}""",
            ["--secret-id", SecretName, "--recovery-window-in-days", "7"]);

        // ListSecrets is paginated: the canned answer has no NextToken, or the CLI would ask for the next page.
        yield return Case("ListSecrets",
            new ListSecretsRequest
            {
                IncludePlannedDeletion = true,
                Filters = [new Filter { Key = FilterNameStringType.Name, Values = ["fargo/prod/"] }],
                SortOrder = SortOrderType.Asc,
            },
            Ctx.ListSecretsRequest, Ctx.ListSecretsResponse, (c, r, ct) => c.ListSecretsAsync(r, ct),
            $$"""
            {"SecretList":[
              {"ARN":"{{SecretArn}}","Name":"{{SecretName}}","Description":"todo-api database connection","LastChangedDate":1714558830.123,
               "Tags":[{"Key":"env","Value":"prod"}],"SecretVersionsToStages":{"{{SecondVersion}}":["AWSCURRENT"]},"CreatedDate":1714000000.5},
              {"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:fargo/prod/todo-api/API_KEY-Zy9X8w","Name":"fargo/prod/todo-api/API_KEY",
               "DeletedDate":1714600000,"SecretVersionsToStages":{"{{FirstVersion}}":["AWSCURRENT"]},"CreatedDate":1713000000}]}
            """,
            ["--include-planned-deletion", "--filters", "Key=name,Values=fargo/prod/", "--sort-order", "asc"]);

        yield return Case("GetRandomPassword",
            new GetRandomPasswordRequest { PasswordLength = 40, ExcludePunctuation = true, RequireEachIncludedType = true },
            Ctx.GetRandomPasswordRequest, Ctx.GetRandomPasswordResponse, (c, r, ct) => c.GetRandomPasswordAsync(r, ct),
            """{"RandomPassword":"q7XwB2mKp9RtZ4vLc8NhJ3sYd6FgA1eUo5WiTrQy"}""",
            ["--password-length", "40", "--exclude-punctuation", "--require-each-included-type"]);

        yield return Case("RestoreSecret",
            new RestoreSecretRequest { SecretId = SecretArn },
            Ctx.RestoreSecretRequest, Ctx.RestoreSecretResponse, (c, r, ct) => c.RestoreSecretAsync(r, ct),
            $$"""{"ARN":"{{SecretArn}}","Name":"{{SecretName}}"}""",
            ["--secret-id", SecretArn]);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<SecretsManagerClient, TRequest, CancellationToken, Task<TResponse>> call,
        string responseBody,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.SecretsManager, "secretsmanager", operation, request, requestType, responseType,
            (http, r, ct) => call(new SecretsManagerClient(http), r, ct), Canned.Json(responseBody), cliArguments);
}
