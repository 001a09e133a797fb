using System.Text.RegularExpressions;
using Fargo.Aws.Ecs;
using Fargo.Local.Api;

namespace Fargo.Local.Ecs;

internal sealed partial class EcsControlPlane
{
    public CreateClusterResponse CreateCluster(CreateClusterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.ClusterName ?? DefaultCluster;
        if (name.Length is 0 or > 255 || !ClusterNamePattern().IsMatch(name))
        {
            throw new LocalServiceException("InvalidParameterException", "Cluster name must be 1-255 characters: letters (uppercase and lowercase), numbers, underscores and hyphens.");
        }

        return Locked(() =>
        {
            if (!_store.Clusters.TryGetValue(name, out var cluster))
            {
                cluster = new ClusterRecord { Name = name, Arn = EcsArns.Cluster(name), Status = "ACTIVE", CreatedAt = Now };
                _store.Clusters[name] = cluster;
            }

            // Creating a cluster that exists is not an error on ECS: it returns the cluster (reactivated if it was deleted).
            cluster.Status = "ACTIVE";
            cluster.Tags = request.Tags ?? cluster.Tags;
            cluster.Settings = request.Settings ?? cluster.Settings;
            cluster.Configuration = request.Configuration ?? cluster.Configuration;
            if (request.CapacityProviders is not null || request.DefaultCapacityProviderStrategy is not null)
            {
                SetCapacityProviders(cluster, request.CapacityProviders ?? [], request.DefaultCapacityProviderStrategy ?? []);
            }

            _store.Changed(cluster);
            return new CreateClusterResponse { Cluster = EcsWireMapper.ToWire(cluster, _store.Services.Values, _store.Tasks.Values, includeTags: true) };
        });
    }

    /// <summary>
    /// Sets a cluster's capacity providers and default strategy, replacing the old ones, as ECS does. Fargate's
    /// two providers and the active ones made by CreateCapacityProvider can be named (all run tasks the same way: as processes).
    /// </summary>
    public PutClusterCapacityProvidersResponse PutClusterCapacityProviders(PutClusterCapacityProvidersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            if (!_store.Clusters.TryGetValue(request.Cluster.Split('/')[^1], out var cluster) || cluster.Status != "ACTIVE")
            {
                throw new LocalServiceException("ClusterNotFoundException", "Cluster not found.");
            }

            SetCapacityProviders(cluster, request.CapacityProviders, request.DefaultCapacityProviderStrategy);
            _store.Changed(cluster);
            return new PutClusterCapacityProvidersResponse { Cluster = EcsWireMapper.ToWire(cluster, _store.Services.Values, _store.Tasks.Values, includeTags: true) };
        });
    }

    private void SetCapacityProviders(ClusterRecord cluster, IReadOnlyList<string> providers, IReadOnlyList<CapacityProviderStrategyItem> strategy)
    {
        foreach (var provider in providers)
        {
            if (!IsActiveCapacityProvider(provider))
            {
                throw new LocalServiceException("InvalidParameterException", $"The specified capacity provider '{provider}' is not in an ACTIVE state. Specify a valid capacity provider and try again.");
            }
        }

        foreach (var item in strategy)
        {
            if (!providers.Contains(item.CapacityProvider, StringComparer.Ordinal))
            {
                throw new LocalServiceException("InvalidParameterException", $"The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.");
            }
        }

        cluster.CapacityProviders = [.. providers];
        cluster.DefaultCapacityProviderStrategy = [.. strategy];
    }

    public DescribeClustersResponse DescribeClusters(DescribeClustersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var includeTags = request.Include?.Contains(ClusterField.Tags) == true;
        return Locked(() =>
        {
            var clusters = new List<Cluster>();
            var failures = new List<Failure>();
            foreach (var reference in request.Clusters is { Count: > 0 } names ? names : [DefaultCluster])
            {
                var name = EcsArns.NameOf(reference);
                if (_store.Clusters.TryGetValue(name, out var cluster))
                {
                    clusters.Add(EcsWireMapper.ToWire(cluster, _store.Services.Values, _store.Tasks.Values, includeTags));
                }
                else
                {
                    failures.Add(new Failure { Arn = EcsArns.Cluster(name), Reason = "MISSING" });
                }
            }

            return new DescribeClustersResponse { Clusters = clusters, Failures = failures };
        });
    }

    public ListClustersResponse ListClusters(ListClustersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var arns = _store.Clusters.Values.Where(c => c.Status == "ACTIVE").OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Arn).ToList();
            var (page, next) = Paginate(arns, request.MaxResults, 100, request.NextToken);
            return new ListClustersResponse { ClusterArns = page, NextToken = next };
        });
    }

    public DeleteClusterResponse DeleteCluster(DeleteClusterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            if (_store.Services.Values.Any(s => s.ClusterArn == cluster.Arn && s.Status != "INACTIVE"))
            {
                throw new LocalServiceException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
            }

            if (_store.Tasks.Values.Any(t => t.ClusterArn == cluster.Arn && !t.IsStopped))
            {
                throw new LocalServiceException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
            }

            cluster.Status = "INACTIVE";
            _store.Changed(cluster);
            return new DeleteClusterResponse { Cluster = EcsWireMapper.ToWire(cluster, _store.Services.Values, _store.Tasks.Values, includeTags: false) };
        });
    }

    /// <summary>Sets the cluster's configuration (execute command, managed storage) and settings, keeping what the request leaves out.</summary>
    public UpdateClusterResponse UpdateCluster(UpdateClusterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ServiceConnectDefaults is not null)
        {
            // Service Connect defaults name a Cloud Map namespace, a service the local region does not run.
            throw new LocalServiceException("InvalidParameterException", "serviceConnectDefaults: the local region has no Cloud Map namespaces.");
        }

        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            cluster.Configuration = request.Configuration ?? cluster.Configuration;
            cluster.Settings = MergeSettings(cluster.Settings, request.Settings ?? []);
            _store.Changed(cluster);
            return new UpdateClusterResponse { Cluster = EcsWireMapper.ToWire(cluster, _store.Services.Values, _store.Tasks.Values, includeTags: true) };
        });
    }

    public UpdateClusterSettingsResponse UpdateClusterSettings(UpdateClusterSettingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            cluster.Settings = MergeSettings(cluster.Settings, request.Settings);
            _store.Changed(cluster);
            return new UpdateClusterSettingsResponse { Cluster = EcsWireMapper.ToWire(cluster, _store.Services.Values, _store.Tasks.Values, includeTags: true) };
        });
    }

    /// <summary>ECS sets the named settings and keeps the others, as it does for tags.</summary>
    private static List<ClusterSetting> MergeSettings(IReadOnlyList<ClusterSetting>? existing, IReadOnlyList<ClusterSetting> changed) =>
        [.. (existing ?? []).Where(s => !changed.Any(c => c.Name == s.Name)), .. changed];

    public TagResourceResponse TagResource(TagResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            ChangeTags(request.ResourceArn, existing => [.. existing.Where(t => !request.Tags.Any(a => a.Key == t.Key)), .. request.Tags]);
            return new TagResourceResponse();
        });
    }

    public UntagResourceResponse UntagResource(UntagResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            ChangeTags(request.ResourceArn, existing => [.. existing.Where(t => t.Key is null || !request.TagKeys.Contains(t.Key, StringComparer.Ordinal))]);
            return new UntagResourceResponse();
        });
    }

    public ListTagsForResourceResponse ListTagsForResource(ListTagsForResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() => new ListTagsForResourceResponse { Tags = ChangeTags(request.ResourceArn, null) });
    }

    /// <summary>
    /// The tags of the cluster, service, task or task definition with this ARN, changed by <paramref name="change"/>
    /// when one is given. Tags live on each resource's record, so DescribeX with include=TAGS shows the same ones.
    /// </summary>
    private IReadOnlyList<Tag> ChangeTags(string arn, Func<IReadOnlyList<Tag>, List<Tag>>? change)
    {
        var (tags, setTags) = TagsOf(arn);
        if (change is null)
        {
            return tags;
        }

        var changed = change(tags);
        setTags(changed);
        return changed;
    }

    private (IReadOnlyList<Tag> Tags, Action<IReadOnlyList<Tag>> Set) TagsOf(string arn)
    {
        if (_store.Clusters.Values.FirstOrDefault(c => c.Arn == arn && c.Status == "ACTIVE") is { } cluster)
        {
            return (cluster.Tags ?? [], tags => { cluster.Tags = tags; _store.Changed(cluster); });
        }

        if (_store.CapacityProviders.Values.FirstOrDefault(p => p.Arn == arn && p.Status == "ACTIVE") is { } provider)
        {
            return (provider.Tags ?? [], tags => { provider.Tags = tags; _store.Changed(provider); });
        }

        if (_store.Services.Values.FirstOrDefault(s => s.Arn == arn && s.Status != "INACTIVE") is { } service)
        {
            return (service.Tags ?? [], tags => { service.Tags = tags; _store.Changed(service); });
        }

        if (_store.Tasks.Values.FirstOrDefault(t => t.Arn == arn) is { } task)
        {
            return (task.Tags ?? [], tags => { task.Tags = tags; _store.Changed(task); });
        }

        if (_store.TaskDefinitions.GetValueOrDefault(arn) is { } definition)
        {
            return (definition.Tags ?? [], tags => { definition.Tags = tags; _store.Changed(definition); });
        }

        throw new LocalServiceException("InvalidParameterException", "The specified resource could not be found.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ClusterNamePattern();
}
