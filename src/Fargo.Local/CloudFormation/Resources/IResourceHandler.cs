using System.Text.Json.Nodes;

namespace Fargo.Local.CloudFormation.Resources;

/// <summary>The stack a resource operation runs for: names generated for unnamed resources come from it.</summary>
internal sealed record ResourceContext(string StackName, string StackId, string LogicalId, string Type)
{
    /// <summary>
    /// A physical name as CloudFormation makes one for a resource the template leaves unnamed:
    /// stack name, logical id and a random suffix, cut to the type's limit.
    /// </summary>
    public string GeneratedName(int maxLength = 255, bool lowercase = false)
    {
        var suffix = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var head = $"{StackName}-{LogicalId}";
        var room = Math.Max(1, maxLength - suffix.Length - 1);
        var name = (head.Length > room ? head[..room] : head) + "-" + suffix;
        return lowercase ? name.ToLowerInvariant() : name;
    }
}

/// <summary>What a resource is once made: its physical id (what Ref answers) and its Fn::GetAtt attributes.</summary>
internal sealed record ResourceOutcome(string PhysicalId, IReadOnlyDictionary<string, JsonNode?> Attributes, string? Note = null);

/// <summary>
/// Makes, changes and removes one resource type by calling its service's own operations. Property changes that
/// replace the resource are the engine's to decide (registry createOnlyProperties); <see cref="UpdateAsync"/> gets
/// only changes that keep the physical resource.
/// </summary>
internal interface IResourceHandler
{
    Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken);

    Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken);

    /// <summary>Waits until the resource is ready (an ECS service steady, a database accepting connections); fails when it never will be.</summary>
    Task StabilizeAsync(ResourceContext context, string physicalId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the resource; <paramref name="snapshot"/> when DeletionPolicy Snapshot asks its data to be kept.</summary>
    Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken);
}

/// <summary>A service refused a resource operation; the message is the service's own, as CloudFormation shows it.</summary>
internal sealed class ResourceFailedException(string message) : Exception(message);
