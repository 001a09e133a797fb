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
    /// two providers are the ones that exist locally (both run tasks the same way: as processes).
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

    private static void SetCapacityProviders(ClusterRecord cluster, IReadOnlyList<string> providers, IReadOnlyList<CapacityProviderStrategyItem> strategy)
    {
        foreach (var provider in providers)
        {
            if (provider is not ("FARGATE" or "FARGATE_SPOT"))
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

    public TagResourceResponse TagResource(TagResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var arn = request.ResourceArn;
            static IReadOnlyList<Tag> Merge(IReadOnlyList<Tag>? existing, IReadOnlyList<Tag> added) =>
                (existing ?? []).Where(t => !added.Any(a => a.Key == t.Key)).Concat(added).ToList();

            if (_store.Clusters.Values.FirstOrDefault(c => c.Arn == arn) is { } cluster)
            {
                cluster.Tags = Merge(cluster.Tags, request.Tags);
                _store.Changed(cluster);
            }
            else if (_store.Services.Values.FirstOrDefault(s => s.Arn == arn && s.Status != "INACTIVE") is { } service)
            {
                service.Tags = Merge(service.Tags, request.Tags);
                _store.Changed(service);
            }
            else if (_store.Tasks.Values.FirstOrDefault(t => t.Arn == arn) is { } task)
            {
                task.Tags = Merge(task.Tags, request.Tags);
                _store.Changed(task);
            }
            else if (_store.TaskDefinitions.GetValueOrDefault(arn) is { } definition)
            {
                definition.Tags = Merge(definition.Tags, request.Tags);
                _store.Changed(definition);
            }
            else
            {
                throw new LocalServiceException("InvalidParameterException", "The specified resource could not be found.");
            }

            return new TagResourceResponse();
        });
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ClusterNamePattern();
}
