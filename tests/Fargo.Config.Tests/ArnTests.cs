using Fargo.Config.Model;

namespace Fargo.Config.Tests;

/// <summary>The one ARN reader the stacks, `fargo verify` and the local region read secrets' and roles' ARNs with.</summary>
public sealed class ArnTests
{
    [Theory]
    [InlineData("arn:aws:ssm:us-east-1:111111111111:parameter/shared/api-key", "aws", "ssm", "us-east-1", "111111111111", "parameter/shared/api-key")]
    [InlineData("arn:aws:logs:eu-west-1:222222222222:log-group:/ecs/api:*", "aws", "logs", "eu-west-1", "222222222222", "log-group:/ecs/api:*")]
    [InlineData("arn:aws-cn:iam::333333333333:role/path/name", "aws-cn", "iam", "", "333333333333", "role/path/name")]
    public void An_arn_is_read_into_its_fields_and_the_resource_keeps_its_colons(string value, string partition, string service, string region, string account, string resource)
    {
        var arn = Arn.TryParse(value);

        Assert.Equal(new Arn(partition, service, region, account, resource), arn);
        Assert.Equal(value, arn!.ToString());
    }

    [Theory]
    [InlineData("/shared/api-key")]
    [InlineData("arn:aws:ssm:us-east-1")]
    [InlineData("ARN:aws:ssm:us-east-1:111111111111:parameter/x")]
    [InlineData(null)]
    public void What_is_not_an_arn_reads_as_none(string? value) => Assert.Null(Arn.TryParse(value));

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf", "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf", null, null, null)]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf:password::", "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf", "password", null, null)]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:db:user:AWSPREVIOUS:", "arn:aws:secretsmanager:us-east-1:111111111111:secret:db", "user", "AWSPREVIOUS", null)]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:db:::v-1", "arn:aws:secretsmanager:us-east-1:111111111111:secret:db", null, null, "v-1")]
    public void A_secrets_manager_reference_names_the_secret_and_ECS_s_selectors(string valueFrom, string secret, string? jsonKey, string? stage, string? versionId)
    {
        var reference = SecretsManagerValueFrom.TryParse(valueFrom);

        Assert.Equal((secret, jsonKey, stage, versionId), (reference!.Secret.ToString(), reference.JsonKey, reference.VersionStage, reference.VersionId));
    }

    [Theory]
    [InlineData("arn:aws:ssm:us-east-1:111111111111:parameter/db")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:rotation:db")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111111111111:secret:")]
    [InlineData("/shared/db")]
    public void Other_values_name_no_secrets_manager_secret(string valueFrom) => Assert.Null(SecretsManagerValueFrom.TryParse(valueFrom));
}
