using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy.Aws;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// The image the service runs now: the container image of the task definition of the service's PRIMARY deployment
/// (the revision ECS converges on). `fargo infra up` passes it to the service stack, so an infrastructure change keeps
/// whatever `fargo deploy` last put there instead of rolling it back.
/// </summary>
internal static class LiveImage
{
    /// <summary>
    /// The live image, or null when there is none to keep: no cluster or service yet (the first `infra up`), a
    /// service being deleted, or one never deployed (its task definition still names the bootstrap placeholder).
    /// </summary>
    public static async Task<string?> ReadAsync(IEcsApi ecs, ResourceNames names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(names);
        DescribeServicesResponse described;
        try
        {
            described = await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = names.Cluster, Services = [names.Service] }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "ClusterNotFoundException")
        {
            return null;
        }

        var service = described.Services?.FirstOrDefault(s => s.ServiceName == names.Service);
        if (service is null || service.Status != "ACTIVE")
        {
            return null;
        }

        var primary = (service.Deployments ?? []).FirstOrDefault(d => d.Status == "PRIMARY")?.TaskDefinition ?? service.TaskDefinition;
        if (primary is null)
        {
            return null;
        }

        var definition = (await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = primary }, cancellationToken)).TaskDefinition;
        var containers = definition?.ContainerDefinitions ?? [];
        var container = containers.FirstOrDefault(c => c.Name == names.ContainerName) ?? (containers.Count == 1 ? containers[0] : null);
        var image = container?.Image;
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new OperationFailedException(
                $"The live task definition {primary} of service {names.Service} has no container named {names.ContainerName}, so its live image is unknown; nothing was changed.",
                "Deploy the service with `fargo deploy` first, so that it runs a task definition Fargo rendered.");
        }

        return ResourceNaming.IsPlaceholderImage(image, names.Repository) ? null : image;
    }
}
