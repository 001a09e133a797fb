using Fargo.Aws.Ecs;
using Fargo.Local.Api;

namespace Fargo.Local.Ecs;

/// <summary>
/// Capacity providers. FARGATE and FARGATE_SPOT are built in, as on AWS. Auto Scaling group providers are kept with
/// ECS's validation, defaults and life cycle so scripts and templates that make them work; the local region serves
/// no EC2 Auto Scaling, so the group's ARN is recorded, not looked up, and a task placed through such a provider
/// runs as a process like any other (docs/local-region-api.md says so).
/// </summary>
internal sealed partial class EcsControlPlane
{
    private static readonly string[] FargateCapacityProviders = ["FARGATE", "FARGATE_SPOT"];

    private const string UnknownCapacityProvider = "The specified capacity provider does not exist. Specify a valid name or ARN and try again.";

    public CreateCapacityProviderResponse CreateCapacityProvider(CreateCapacityProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name;
        if (name.Length is 0 or > 255 || !ClusterNamePattern().IsMatch(name))
        {
            throw new LocalServiceException("ClientException", "The capacity provider name must be 1-255 characters: letters (uppercase and lowercase), numbers, underscores and hyphens.");
        }

        if (name.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ecs", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("fargate", StringComparison.OrdinalIgnoreCase))
        {
            throw new LocalServiceException("ClientException", "The capacity provider name can't be prefixed with \"aws\", \"ecs\", or \"fargate\".");
        }

        var group = request.AutoScalingGroupProvider;
        if (string.IsNullOrWhiteSpace(group.AutoScalingGroupArn))
        {
            throw new LocalServiceException("ClientException", "The Auto Scaling group ARN or name must be specified.");
        }

        var scaling = WithDefaults(group.ManagedScaling, null);
        return Locked(() =>
        {
            // A deleted provider keeps its name: ECS does not let a new one take it.
            if (_store.CapacityProviders.ContainsKey(name))
            {
                throw new LocalServiceException("ClientException", "The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.");
            }

            if (_store.CapacityProviders.Values.Any(p => p.Status == "ACTIVE" && p.AutoScalingGroupProvider.AutoScalingGroupArn == group.AutoScalingGroupArn))
            {
                throw new LocalServiceException("ClientException", "The specified Auto Scaling group is already used by another capacity provider. Specify a different Auto Scaling group and try again.");
            }

            var provider = new CapacityProviderRecord
            {
                Name = name,
                Arn = EcsArns.CapacityProvider(name),
                Status = "ACTIVE",
                Tags = request.Tags,
                AutoScalingGroupProvider = group with
                {
                    ManagedScaling = scaling,
                    ManagedTerminationProtection = group.ManagedTerminationProtection ?? ManagedTerminationProtection.Disabled,
                    ManagedDraining = group.ManagedDraining ?? "ENABLED",
                },
            };
            if (provider.AutoScalingGroupProvider.ManagedTerminationProtection == ManagedTerminationProtection.Enabled && scaling.Status != ManagedScalingStatus.Enabled)
            {
                throw new LocalServiceException("ClientException", "The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, managed scaling must also be enabled.");
            }

            _store.CapacityProviders[name] = provider;
            _store.Changed(provider);
            return new CreateCapacityProviderResponse { CapacityProvider = ToWire(provider, includeTags: true) };
        });
    }

    public DescribeCapacityProvidersResponse DescribeCapacityProviders(DescribeCapacityProvidersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var includeTags = request.Include?.Contains(CapacityProviderField.Tags) == true;
        if (request.MaxResults is < 1 or > 10)
        {
            throw new LocalServiceException("InvalidParameterException", "maxResults must be between 1 and 10.");
        }

        return Locked(() =>
        {
            var failures = new List<Failure>();
            List<string> names;
            if (request.CapacityProviders is { Count: > 0 } requested)
            {
                names = [];
                foreach (var reference in requested)
                {
                    var name = EcsArns.NameOf(reference);
                    if (FargateCapacityProviders.Contains(name) || _store.CapacityProviders.ContainsKey(name))
                    {
                        names.Add(name);
                    }
                    else
                    {
                        failures.Add(new Failure { Arn = EcsArns.CapacityProvider(name), Reason = "MISSING" });
                    }
                }
            }
            else
            {
                names = [.. FargateCapacityProviders, .. _store.CapacityProviders.Values.Where(p => p.Status == "ACTIVE").Select(p => p.Name).Order(StringComparer.Ordinal)];
            }

            var (page, next) = Paginate(names, request.MaxResults, 10, request.NextToken);
            return new DescribeCapacityProvidersResponse
            {
                CapacityProviders = [.. page.Select(name => _store.CapacityProviders.TryGetValue(name, out var provider) ? ToWire(provider, includeTags) : Fargate(name, includeTags))],
                Failures = failures,
                NextToken = next,
            };
        });
    }

    public UpdateCapacityProviderResponse UpdateCapacityProvider(UpdateCapacityProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var provider = RequireCustomCapacityProvider(request.Name, "updated");
            var current = provider.AutoScalingGroupProvider;
            var change = request.AutoScalingGroupProvider;
            var updated = current with
            {
                ManagedScaling = WithDefaults(change.ManagedScaling, current.ManagedScaling),
                ManagedTerminationProtection = change.ManagedTerminationProtection ?? current.ManagedTerminationProtection,
                ManagedDraining = change.ManagedDraining ?? current.ManagedDraining,
            };
            if (updated.ManagedTerminationProtection == ManagedTerminationProtection.Enabled && updated.ManagedScaling?.Status != ManagedScalingStatus.Enabled)
            {
                throw new LocalServiceException("ClientException", "The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, managed scaling must also be enabled.");
            }

            provider.AutoScalingGroupProvider = updated;
            provider.UpdateStatus = "UPDATE_COMPLETE";
            _store.Changed(provider);
            return new UpdateCapacityProviderResponse { CapacityProvider = ToWire(provider, includeTags: false) };
        });
    }

    public DeleteCapacityProviderResponse DeleteCapacityProvider(DeleteCapacityProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var provider = RequireCustomCapacityProvider(request.CapacityProvider, "deleted");
            if (_store.Clusters.Values.FirstOrDefault(c => c.Status == "ACTIVE" && c.CapacityProviders.Contains(provider.Name, StringComparer.Ordinal)) is { } cluster)
            {
                throw new LocalServiceException("ClientException", $"The specified capacity provider is in use and cannot be removed. It is associated with cluster {cluster.Name}: remove it from the cluster's capacity providers first.");
            }

            // ECS finishes a delete in the background (DELETE_IN_PROGRESS, then INACTIVE); locally it is done at once.
            provider.Status = "INACTIVE";
            provider.UpdateStatus = "DELETE_COMPLETE";
            _store.Changed(provider);
            return new DeleteCapacityProviderResponse { CapacityProvider = ToWire(provider, includeTags: false) };
        });
    }

    private bool IsActiveCapacityProvider(string name) =>
        FargateCapacityProviders.Contains(name) || _store.CapacityProviders.GetValueOrDefault(name)?.Status == "ACTIVE";

    private CapacityProviderRecord RequireCustomCapacityProvider(string reference, string verb)
    {
        var name = EcsArns.NameOf(reference);
        if (FargateCapacityProviders.Contains(name))
        {
            throw new LocalServiceException("ClientException", $"The {name} capacity provider is reserved by Amazon ECS and can't be {verb}.");
        }

        return _store.CapacityProviders.TryGetValue(name, out var provider) && provider.Status == "ACTIVE"
            ? provider
            : throw new LocalServiceException("ClientException", UnknownCapacityProvider);
    }

    /// <summary>Managed scaling with ECS's documented defaults for what neither the request nor the provider sets.</summary>
    private static ManagedScaling WithDefaults(ManagedScaling? requested, ManagedScaling? current)
    {
        var scaling = new ManagedScaling
        {
            Status = requested?.Status ?? current?.Status ?? ManagedScalingStatus.Disabled,
            TargetCapacity = requested?.TargetCapacity ?? current?.TargetCapacity ?? 100,
            MinimumScalingStepSize = requested?.MinimumScalingStepSize ?? current?.MinimumScalingStepSize ?? 1,
            MaximumScalingStepSize = requested?.MaximumScalingStepSize ?? current?.MaximumScalingStepSize ?? 10_000,
            InstanceWarmupPeriod = requested?.InstanceWarmupPeriod ?? current?.InstanceWarmupPeriod ?? 300,
        };
        if (scaling.TargetCapacity is < 1 or > 100)
        {
            throw new LocalServiceException("ClientException", "The managed scaling target capacity must be greater than 0 and less than or equal to 100.");
        }

        if (scaling.MinimumScalingStepSize is < 1 or > 10_000 || scaling.MaximumScalingStepSize is < 1 or > 10_000 || scaling.MinimumScalingStepSize > scaling.MaximumScalingStepSize)
        {
            throw new LocalServiceException("ClientException", "The managed scaling step sizes must be between 1 and 10000, the minimum no larger than the maximum.");
        }

        if (scaling.InstanceWarmupPeriod is < 0 or > 10_000)
        {
            throw new LocalServiceException("ClientException", "The managed scaling instance warmup period must be between 0 and 10000 seconds.");
        }

        return scaling;
    }

    private static CapacityProvider ToWire(CapacityProviderRecord provider, bool includeTags) => new()
    {
        CapacityProviderArn = provider.Arn,
        Name = provider.Name,
        Status = new CapacityProviderStatus(provider.Status),
        AutoScalingGroupProvider = provider.AutoScalingGroupProvider,
        UpdateStatus = provider.UpdateStatus is { } status ? new CapacityProviderUpdateStatus(status) : null,
        Tags = includeTags ? provider.Tags ?? [] : null,
    };

    private static CapacityProvider Fargate(string name, bool includeTags) => new()
    {
        CapacityProviderArn = EcsArns.CapacityProvider(name),
        Name = name,
        Status = CapacityProviderStatus.Active,
        Tags = includeTags ? [] : null,
    };
}
