using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.Ecr;
using Fargo.Local.Logs;
using Fargo.Local.Ssm;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::Logs::LogGroup through CreateLogGroup, PutRetentionPolicy/DeleteRetentionPolicy and DeleteLogGroup.
/// The engine's retention loop expires old events. Ref: the name; Arn.
/// </summary>
internal sealed class LogGroupHandler(LogStore logs, string region, string account) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "LogGroupName") ?? context.GeneratedName(512);
        logs.CreateLogGroup(name);
        SetRetention(name, properties);
        return Task.FromResult(Outcome(name));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        SetRetention(physicalId, properties);
        return Task.FromResult(Outcome(physicalId));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        if (logs.LogGroupExists(physicalId))
        {
            logs.DeleteLogGroup(physicalId);
        }

        return Task.CompletedTask;
    }

    private void SetRetention(string name, JsonObject properties)
    {
        if (PropertyMapping.Int(properties, "RetentionInDays") is { } days)
        {
            logs.PutRetentionPolicy(name, days);
        }
        else
        {
            logs.DeleteRetentionPolicy(name);
        }
    }

    private ResourceOutcome Outcome(string name) =>
        new(name, new Dictionary<string, JsonNode?> { ["Arn"] = $"arn:aws:logs:{region}:{account}:log-group:{name}:*" });
}

/// <summary>
/// AWS::ECR::Repository through CreateRepository, PutImageTagMutability, PutImageScanningConfiguration,
/// PutLifecyclePolicy and DeleteRepository (EmptyOnDelete forces it). Ref: the name; Arn, RepositoryUri.
/// </summary>
internal sealed class RepositoryHandler(ImageRegistry registry) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "RepositoryName") ?? context.GeneratedName(256, lowercase: true);
        if (registry.RepositoryExists(name))
        {
            throw new LocalServiceException("RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{LocalRegionConstants.Account}'");
        }

        var repository = registry.CreateRepository(
            name,
            PropertyMapping.Text(properties, "ImageTagMutability"),
            properties["ImageScanningConfiguration"] is JsonObject scanning && PropertyMapping.Bool(scanning, "ScanOnPush") == true,
            PropertyMapping.KeyValueTags(properties));
        ApplyLifecyclePolicy(name, properties);
        return Task.FromResult(Outcome(repository));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        registry.SetTagMutability(physicalId, PropertyMapping.Text(properties, "ImageTagMutability") ?? "MUTABLE");
        registry.SetScanOnPush(physicalId, properties["ImageScanningConfiguration"] is JsonObject scanning && PropertyMapping.Bool(scanning, "ScanOnPush") == true);
        ApplyLifecyclePolicy(physicalId, properties);
        return Task.FromResult(Outcome(registry.DescribeRepositories([physicalId], null, null).Repositories[0]));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        if (registry.RepositoryExists(physicalId))
        {
            registry.DeleteRepository(physicalId, force: PropertyMapping.Bool(properties, "EmptyOnDelete") == true);
        }

        return Task.CompletedTask;
    }

    private void ApplyLifecyclePolicy(string name, JsonObject properties)
    {
        if (properties["LifecyclePolicy"] is JsonObject policy && PropertyMapping.Text(policy, "LifecyclePolicyText") is { } text)
        {
            registry.PutLifecyclePolicy(name, text);
        }
    }

    private static ResourceOutcome Outcome(RepositoryRecord repository) =>
        new(repository.Name, new Dictionary<string, JsonNode?> { ["Arn"] = repository.Arn, ["RepositoryUri"] = repository.Uri });
}

/// <summary>AWS::SSM::Parameter through PutParameter/DeleteParameter (String and StringList, as CloudFormation allows). Ref: the name.</summary>
internal sealed class SsmParameterHandler(ParameterStore parameters) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "Name") ?? context.GeneratedName(2048);
        return Task.FromResult(Put(name, properties, overwrite: false));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(physicalId, properties, overwrite: true));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            parameters.Delete(physicalId);
        }
        catch (LocalServiceException e) when (e.Code == "ParameterNotFound")
        {
            // Already gone.
        }

        return Task.CompletedTask;
    }

    private ResourceOutcome Put(string name, JsonObject properties, bool overwrite)
    {
        var type = PropertyMapping.Text(properties, "Type") ?? "String";
        if (type == "SecureString")
        {
            throw new ResourceFailedException("SecureString parameters can't be created with CloudFormation; put them with PutParameter and reference them with {{resolve:ssm-secure:NAME}}.");
        }

        var value = PropertyMapping.Text(properties, "Value") ?? "";
        parameters.Put(name, value, type, overwrite, PropertyMapping.Text(properties, "Description"), null,
            PropertyMapping.Text(properties, "AllowedPattern"), PropertyMapping.Text(properties, "DataType"),
            overwrite ? null : (properties["Tags"] as JsonObject)?.Select(t => new KeyValuePair<string, string>(t.Key, Template.TemplateEvaluator.Text(t.Value) ?? "")).ToList());
        return new ResourceOutcome(name, new Dictionary<string, JsonNode?> { ["Type"] = type, ["Value"] = value });
    }
}
