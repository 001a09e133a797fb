namespace Fargo.Infrastructure.Toolkit;

/// <summary>
/// The AWS calls `infra down` makes before deleting the stacks (CloudFormation deletes neither a bucket that
/// holds objects nor a repository that holds images). Implemented by the deploy layer, which has the AWS
/// clients; this project only decides what to empty.
/// </summary>
public interface IInfrastructureTeardown
{
    /// <summary>The stack's outputs, or null when there is no such stack.</summary>
    Task<IReadOnlyDictionary<string, string>?> GetStackOutputsAsync(string stackName, string region, CancellationToken cancellationToken);

    /// <summary>Deletes every object version and delete marker of the bucket.</summary>
    Task EmptyBucketAsync(string bucketName, string region, CancellationToken cancellationToken);

    /// <summary>Deletes every image of the repository.</summary>
    Task DeleteAllImagesAsync(string repositoryName, string region, CancellationToken cancellationToken);
}

/// <summary>One thing to empty before the stacks are deleted.</summary>
public abstract record TeardownStep(string Name);

/// <summary>A versioned bucket to empty (every version and delete marker).</summary>
public sealed record EmptyBucket(string Name) : TeardownStep(Name);

/// <summary>An ECR repository whose images to delete.</summary>
public sealed record DeleteImages(string Name) : TeardownStep(Name);

/// <summary>What `infra down` empties, from the stacks' outputs.</summary>
public static class TeardownPlan
{
    /// <summary>
    /// Prod-like environments keep their buckets and repository (they outlive the stacks), so nothing is
    /// emptied there. Elsewhere: the service's data and reports buckets and repository, and the environment's
    /// logging bucket; but never a repository shared with other environments of the account and region (see
    /// <see cref="RepositoryPlacement"/>), whose images they run. A stack that does not exist (null outputs)
    /// contributes nothing.
    /// </summary>
    public static IReadOnlyList<TeardownStep> For(
        SynthesizedAssembly assembly,
        IReadOnlyDictionary<string, string>? environmentOutputs,
        IReadOnlyDictionary<string, string>? serviceOutputs)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (assembly.KeepsData)
        {
            return [];
        }

        var steps = new List<TeardownStep>();
        if (serviceOutputs is not null)
        {
            AddIfPresent(serviceOutputs, StackOutputs.DataBucketName, name => new EmptyBucket(name));
            AddIfPresent(serviceOutputs, StackOutputs.ReportsBucketName, name => new EmptyBucket(name));
            if (assembly.Repository is { Owns: true, Shared: false })
            {
                AddIfPresent(serviceOutputs, StackOutputs.RepositoryName, name => new DeleteImages(name));
            }
        }

        if (environmentOutputs is not null)
        {
            AddIfPresent(environmentOutputs, StackOutputs.AccessLogsBucketName, name => new EmptyBucket(name));
        }

        return steps;

        void AddIfPresent(IReadOnlyDictionary<string, string> outputs, string key, Func<string, TeardownStep> step)
        {
            if (outputs.TryGetValue(key, out var name) && !string.IsNullOrWhiteSpace(name))
            {
                steps.Add(step(name));
            }
        }
    }
}
