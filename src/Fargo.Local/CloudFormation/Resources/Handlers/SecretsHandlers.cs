using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.SecretsManager;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::SecretsManager::Secret through CreateSecret/UpdateSecret/DeleteSecret. GenerateSecretString makes the value
/// as Secrets Manager's GetRandomPassword does, into SecretStringTemplate's GenerateStringKey. Deletion is without
/// recovery window, as CloudFormation deletes secrets. Ref: the ARN; Id.
/// </summary>
internal sealed class SecretHandler(SecretStore secrets) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "Name") ?? $"{context.LogicalId}-{context.GeneratedName(12)[^12..]}";
        var secret = secrets.Create(name, PropertyMapping.Text(properties, "Description"), PropertyMapping.Text(properties, "KmsKeyId"), Value(properties), null, null,
            PropertyMapping.KeyValueTags(properties));
        return Task.FromResult(Outcome(secret.Arn));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var valueChanged = !JsonNode.DeepEquals(previous["SecretString"], properties["SecretString"]) || !JsonNode.DeepEquals(previous["GenerateSecretString"], properties["GenerateSecretString"]);
        secrets.Update(physicalId, PropertyMapping.Text(properties, "Description") ?? "", PropertyMapping.Text(properties, "KmsKeyId"), valueChanged ? Value(properties) : null, null, null);
        return Task.FromResult(Outcome(physicalId));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        if (secrets.Find(physicalId) is not null)
        {
            secrets.Delete(physicalId, null, force: true);
        }

        return Task.CompletedTask;
    }

    private static string Value(JsonObject properties)
    {
        if (PropertyMapping.Text(properties, "SecretString") is { } given)
        {
            if (properties["GenerateSecretString"] is not null)
            {
                throw new ResourceFailedException("You can't specify both SecretString and GenerateSecretString.");
            }

            return given;
        }

        var generate = properties["GenerateSecretString"] as JsonObject ?? [];
        var password = SecretStore.RandomPassword(
            PropertyMapping.Int(generate, "PasswordLength"),
            PropertyMapping.Text(generate, "ExcludeCharacters"),
            PropertyMapping.Bool(generate, "ExcludeNumbers") ?? false,
            PropertyMapping.Bool(generate, "ExcludePunctuation") ?? false,
            PropertyMapping.Bool(generate, "ExcludeUppercase") ?? false,
            PropertyMapping.Bool(generate, "ExcludeLowercase") ?? false,
            PropertyMapping.Bool(generate, "IncludeSpace") ?? false,
            PropertyMapping.Bool(generate, "RequireEachIncludedType") ?? true);
        var template = PropertyMapping.Text(generate, "SecretStringTemplate");
        var key = PropertyMapping.Text(generate, "GenerateStringKey");
        if ((template is null) != (key is null))
        {
            throw new ResourceFailedException("SecretStringTemplate and GenerateStringKey must be specified together.");
        }

        if (template is null)
        {
            return password;
        }

        try
        {
            var document = JsonNode.Parse(template) as JsonObject ?? throw new ResourceFailedException("SecretStringTemplate must be a JSON object.");
            document[key!] = password;
            return document.ToJsonString();
        }
        catch (JsonException)
        {
            throw new ResourceFailedException("SecretStringTemplate must be valid JSON.");
        }
    }

    private static ResourceOutcome Outcome(string arn) => new(arn, new Dictionary<string, JsonNode?> { ["Id"] = arn });
}

/// <summary>Where a database instance answers, for a SecretTargetAttachment to write into its secret.</summary>
internal interface IDatabaseInstances
{
    /// <summary>engine, host, port, dbname and dbInstanceIdentifier of an instance; null when there is none.</summary>
    IReadOnlyDictionary<string, JsonNode?>? ConnectionOf(string instanceIdentifier);
}

/// <summary>
/// AWS::SecretsManager::SecretTargetAttachment: adds the database's connection fields (engine, host, port, dbname,
/// dbInstanceIdentifier) to the secret's JSON as a new AWSCURRENT version, as AWS does. Ref: the secret ARN.
/// </summary>
internal sealed class SecretTargetAttachmentHandler(SecretStore secrets, IDatabaseInstances databases) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Attach(properties));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Attach(properties));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken) => Task.CompletedTask;

    private ResourceOutcome Attach(JsonObject properties)
    {
        var secretId = PropertyMapping.Text(properties, "SecretId") ?? throw new ResourceFailedException("Property SecretId cannot be empty.");
        var target = PropertyMapping.Text(properties, "TargetId") ?? throw new ResourceFailedException("Property TargetId cannot be empty.");
        var type = PropertyMapping.Text(properties, "TargetType");
        if (type != "AWS::RDS::DBInstance")
        {
            throw new ResourceFailedException($"The local region attaches secrets to AWS::RDS::DBInstance targets only, not {type}.");
        }

        var connection = databases.ConnectionOf(target) ?? throw new LocalServiceException("ResourceNotFoundException", $"DB instance {target} not found.");
        var current = secrets.GetValue(secretId, null, null);
        var document = (current.SecretString is { } text ? JsonNode.Parse(text) as JsonObject : null) ?? [];
        foreach (var (key, value) in connection)
        {
            document[key] = value?.DeepClone();
        }

        var secret = secrets.Describe(secretId);
        secrets.PutValue(secret.Arn, document.ToJsonString(), null, null, null);
        return new ResourceOutcome(secret.Arn, new Dictionary<string, JsonNode?> { ["Id"] = secret.Arn });
    }
}
