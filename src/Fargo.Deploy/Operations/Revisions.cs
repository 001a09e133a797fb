using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Config;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Operations;

/// <summary>Which revision `fargo rollback` goes to: the one asked for, or the newest ACTIVE one before the running one.</summary>
public static class Revisions
{
    public static async Task<string> PreviousAsync(DeployTarget target, string currentArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var family = EcsNames.Family(currentArn);
        var current = EcsNames.Revision(currentArn);
        var request = new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = TaskDefinitionStatus.Active, Sort = SortOrder.Desc };
        while (true)
        {
            var page = await target.Apis.Ecs.ListTaskDefinitionsAsync(request, cancellationToken);
            var earlier = (page.TaskDefinitionArns ?? [])
                .Where(arn => EcsNames.Family(arn) == family && EcsNames.Revision(arn) < current)
                .OrderByDescending(EcsNames.Revision);
            foreach (var candidate in earlier)
            {
                if (!await IsPlaceholderAsync(target, candidate, cancellationToken))
                {
                    return candidate;
                }
            }

            if (page.NextToken is null)
            {
                throw new DeployException(
                    $"There is no ACTIVE revision of {family} before {current} to roll back to (the service stack's first revision, which names the placeholder image '{ResourceNaming.PlaceholderImageTag}', never ran and is not one).",
                    "Pass --to REVISION to choose one, or deploy a version.");
            }

            request = request with { NextToken = page.NextToken };
        }
    }

    /// <summary>
    /// Whether a revision is the service stack's own first one, made before any deploy: its container names the
    /// placeholder image, which does not run, so rolling back to it would only fail the rollout.
    /// </summary>
    private static async Task<bool> IsPlaceholderAsync(DeployTarget target, string arn, CancellationToken cancellationToken)
    {
        var described = await target.Apis.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = arn }, cancellationToken);
        var image = described.TaskDefinition?.ContainerDefinitions?.FirstOrDefault(c => c.Name == target.Spec.ContainerName)?.Image;
        return image is not null && ResourceNaming.IsPlaceholderImage(image, target.Spec.Repository ?? target.Spec.Service);
    }

    /// <summary>family:revision, checked to exist and to be ACTIVE.</summary>
    public static async Task<string> ResolveAsync(DeployTarget target, string family, int revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            var described = await target.Apis.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = $"{family}:{revision}" }, cancellationToken);
            var definition = described.TaskDefinition ?? throw new DeployException($"Revision {revision} of {family} does not exist.");
            if (definition.Status == TaskDefinitionStatus.Inactive)
            {
                throw new DeployException($"Revision {revision} of {family} is INACTIVE (deregistered); ECS cannot run it.", "Choose an ACTIVE revision.");
            }

            return definition.TaskDefinitionArn!;
        }
        catch (AwsServiceException e) when (e.Code is "ClientException" or "InvalidParameterException")
        {
            throw new DeployException($"Revision {revision} of {family} does not exist on {target.Environment.Describe()}.", null, e);
        }
    }
}
