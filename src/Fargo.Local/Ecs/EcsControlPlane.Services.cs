using System.Text.RegularExpressions;
using Fargo.Aws.Ecs;
using Fargo.Local.Api;

namespace Fargo.Local.Ecs;

internal sealed partial class EcsControlPlane
{
    public CreateServiceResponse CreateService(CreateServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.ServiceName) || request.ServiceName.Length > 255 || !ServiceNamePattern().IsMatch(request.ServiceName))
        {
            throw new LocalServiceException("InvalidParameterException", "Service name must be 1-255 characters: letters (uppercase and lowercase), numbers, underscores and hyphens.");
        }

        if (request.SchedulingStrategy is { } strategy && strategy != SchedulingStrategy.Replica)
        {
            throw new LocalServiceException("InvalidParameterException", "The local region runs REPLICA services only.");
        }

        if (request.DeploymentController is { } controller && controller.Type != DeploymentControllerType.Ecs)
        {
            throw new LocalServiceException("InvalidParameterException", "The local region supports the ECS deployment controller only.");
        }

        if (string.IsNullOrEmpty(request.TaskDefinition))
        {
            throw new LocalServiceException("InvalidParameterException", "Task Definition can not be blank.");
        }

        var desired = request.DesiredCount ?? 0;
        if (desired < 0)
        {
            throw new LocalServiceException("InvalidParameterException", "Desired count must be greater than or equal to 0.");
        }

        var (minimum, maximum) = ValidateDeploymentConfiguration(request.DeploymentConfiguration, 100, 200);
        ValidateGracePeriod(request.HealthCheckGracePeriodSeconds);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var arn = EcsArns.Service(cluster.Name, request.ServiceName);
            if (_store.Services.TryGetValue(arn, out var existing))
            {
                if (existing.Status == "ACTIVE")
                {
                    throw new LocalServiceException("InvalidParameterException", "Creation of service was not idempotent.");
                }

                if (existing.Status == "DRAINING")
                {
                    throw new LocalServiceException("InvalidParameterException", "Unable to Start a service that is still Draining.");
                }
            }

            var definition = FindTaskDefinition(request.TaskDefinition)
                ?? throw new LocalServiceException("ClientException", "TaskDefinition not found.");
            if (definition.Status != "ACTIVE")
            {
                throw new LocalServiceException("ClientException", "TaskDefinition is inactive");
            }

            var now = Now;
            var service = new ServiceRecord
            {
                Arn = arn,
                Name = request.ServiceName,
                ClusterArn = cluster.Arn,
                ClusterName = cluster.Name,
                Status = "ACTIVE",
                TaskDefinitionArn = definition.Arn,
                DesiredCount = desired,
                MinimumHealthyPercent = minimum,
                MaximumPercent = maximum,
                CircuitBreaker = request.DeploymentConfiguration?.DeploymentCircuitBreaker,
                HealthCheckGracePeriodSeconds = request.HealthCheckGracePeriodSeconds ?? 0,
                LoadBalancers = request.LoadBalancers,
                ServiceRegistries = request.ServiceRegistries,
                NetworkConfiguration = request.NetworkConfiguration,
                PlatformVersion = request.PlatformVersion ?? "LATEST",
                EnableExecuteCommand = request.EnableExecuteCommand ?? false,
                EnableEcsManagedTags = request.EnableECSManagedTags ?? false,
                PropagateTags = request.PropagateTags?.Value,
                Tags = request.Tags,
                CreatedAt = now,
                Deployments = [NewDeployment(definition.Arn, desired, request.NetworkConfiguration, now)],
            };
            ValidateLoadBalancers(service, definition);
            _store.Services[arn] = service;
            _store.Changed(service);
            return new CreateServiceResponse { Service = EcsWireMapper.ToWire(service, [], includeTags: true) };
        });
    }

    public UpdateServiceResponse UpdateService(UpdateServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DesiredCount is < 0)
        {
            throw new LocalServiceException("InvalidParameterException", "Desired count must be greater than or equal to 0.");
        }

        ValidateGracePeriod(request.HealthCheckGracePeriodSeconds);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var service = FindService(cluster, request.Service)
                ?? throw new LocalServiceException("ServiceNotFoundException", "Service not found.");
            if (service.Status != "ACTIVE")
            {
                throw new LocalServiceException("ServiceNotActiveException", "Service was not ACTIVE.");
            }

            TaskDefinitionRecord? definition = null;
            if (request.TaskDefinition is { Length: > 0 } reference)
            {
                definition = FindTaskDefinition(reference)
                    ?? throw new LocalServiceException("ClientException", "TaskDefinition not found.");
                if (definition.Status != "ACTIVE")
                {
                    throw new LocalServiceException("ClientException", "TaskDefinition is inactive");
                }
            }

            var (minimum, maximum) = ValidateDeploymentConfiguration(request.DeploymentConfiguration, service.MinimumHealthyPercent, service.MaximumPercent);
            service.MinimumHealthyPercent = minimum;
            service.MaximumPercent = maximum;
            if (request.DeploymentConfiguration?.DeploymentCircuitBreaker is { } breaker)
            {
                service.CircuitBreaker = breaker;
            }

            if (request.HealthCheckGracePeriodSeconds is { } grace)
            {
                service.HealthCheckGracePeriodSeconds = grace;
            }

            if (request.EnableExecuteCommand is { } execute)
            {
                service.EnableExecuteCommand = execute;
            }

            if (request.PropagateTags is { } propagate)
            {
                service.PropagateTags = propagate.Value;
            }

            if (request.DesiredCount is { } desired && desired != service.DesiredCount)
            {
                service.DesiredCount = desired;
                service.SteadyStateAnnounced = false;
            }

            // A new deployment when what runs changes: the task definition, the network or load balancers, or when forced.
            var newDefinition = definition is not null && definition.Arn != service.TaskDefinitionArn;
            var newNetwork = request.NetworkConfiguration is not null && !Equals(request.NetworkConfiguration, service.NetworkConfiguration);
            var newLoadBalancers = request.LoadBalancers is not null && !request.LoadBalancers.SequenceEqual(service.LoadBalancers ?? []);
            if (request.NetworkConfiguration is not null)
            {
                service.NetworkConfiguration = request.NetworkConfiguration;
            }

            if (request.LoadBalancers is not null)
            {
                service.LoadBalancers = request.LoadBalancers;
            }

            // As on AWS, new registries apply to the tasks of a new deployment; the running ones stay where they are.
            var newRegistries = request.ServiceRegistries is not null && !request.ServiceRegistries.SequenceEqual(service.ServiceRegistries ?? []);
            if (request.ServiceRegistries is not null)
            {
                service.ServiceRegistries = request.ServiceRegistries;
            }

            var target = definition ?? _store.TaskDefinitions[service.TaskDefinitionArn];
            ValidateLoadBalancers(service, target);
            if (newDefinition || newNetwork || newLoadBalancers || newRegistries || request.ForceNewDeployment == true)
            {
                foreach (var old in service.Deployments)
                {
                    old.Status = "ACTIVE";
                    old.DesiredCount = 0;
                    old.UpdatedAt = Now;
                }

                service.TaskDefinitionArn = target.Arn;
                service.Deployments.Insert(0, NewDeployment(target.Arn, service.DesiredCount, service.NetworkConfiguration, Now));
                service.SteadyStateAnnounced = false;
                service.DeadlockAnnounced = false;
            }
            else
            {
                service.Deployments[0].DesiredCount = service.DesiredCount;
            }

            _store.Changed(service);
            return new UpdateServiceResponse { Service = EcsWireMapper.ToWire(service, TasksOf(service), includeTags: false) };
        });
    }

    public DescribeServicesResponse DescribeServices(DescribeServicesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Services is null || request.Services.Count is 0 or > 10)
        {
            throw new LocalServiceException("InvalidParameterException", "Services cannot be empty and can have at most 10 entries.");
        }

        var includeTags = request.Include?.Contains(ServiceField.Tags) == true;
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var services = new List<Service>();
            var failures = new List<Failure>();
            foreach (var reference in request.Services)
            {
                if (FindService(cluster, reference) is { } service)
                {
                    services.Add(EcsWireMapper.ToWire(service, TasksOf(service), includeTags));
                }
                else
                {
                    failures.Add(new Failure { Arn = EcsArns.Service(cluster.Name, EcsArns.NameOf(reference)), Reason = "MISSING" });
                }
            }

            return new DescribeServicesResponse { Services = services, Failures = failures };
        });
    }

    public ListServicesResponse ListServices(ListServicesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var arns = _store.Services.Values
                .Where(s => s.ClusterArn == cluster.Arn && s.Status != "INACTIVE")
                .Where(s => request.LaunchType is null || request.LaunchType.Value == s.LaunchType)
                .OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => s.Arn)
                .ToList();
            var (page, next) = Paginate(arns, request.MaxResults, 10, request.NextToken);
            return new ListServicesResponse { ServiceArns = page, NextToken = next };
        });
    }

    public DeleteServiceResponse DeleteService(DeleteServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var service = FindService(cluster, request.Service);
            if (service is null || service.Status == "INACTIVE")
            {
                throw new LocalServiceException("ServiceNotFoundException", "Service not found.");
            }

            if (service.Status == "ACTIVE")
            {
                if (service.DesiredCount > 0 && request.Force != true)
                {
                    throw new LocalServiceException("InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
                }

                service.DesiredCount = 0;
                service.Status = "DRAINING";
                foreach (var deployment in service.Deployments)
                {
                    deployment.DesiredCount = 0;
                }

                _store.Changed(service);
            }

            return new DeleteServiceResponse { Service = EcsWireMapper.ToWire(service, TasksOf(service), includeTags: false) };
        });
    }

    private static DeploymentRecord NewDeployment(string taskDefinitionArn, int desired, NetworkConfiguration? network, DateTimeOffset now)
    {
        var id = EcsArns.NewDeploymentId();
        return new DeploymentRecord
        {
            Id = id,
            Status = "PRIMARY",
            TaskDefinitionArn = taskDefinitionArn,
            DesiredCount = desired,
            CreatedAt = now,
            UpdatedAt = now,
            RolloutState = "IN_PROGRESS",
            RolloutStateReason = $"ECS deployment {id} in progress.",
            NetworkConfiguration = network,
        };
    }

    private static (int Minimum, int Maximum) ValidateDeploymentConfiguration(DeploymentConfiguration? configuration, int currentMinimum, int currentMaximum)
    {
        var minimum = configuration?.MinimumHealthyPercent ?? currentMinimum;
        var maximum = configuration?.MaximumPercent ?? currentMaximum;
        if (minimum is < 0 or > 100)
        {
            throw new LocalServiceException("InvalidParameterException", "minimumHealthyPercent must be between 0 and 100.");
        }

        if (maximum < 100)
        {
            throw new LocalServiceException("InvalidParameterException", "maximumPercent must be at least 100.");
        }

        return (minimum, maximum);
    }

    private static void ValidateGracePeriod(int? seconds)
    {
        if (seconds is < 0)
        {
            throw new LocalServiceException("InvalidParameterException", "healthCheckGracePeriodSeconds must be greater than or equal to 0.");
        }
    }

    private static void ValidateLoadBalancers(ServiceRecord service, TaskDefinitionRecord definition)
    {
        foreach (var balancer in service.LoadBalancers ?? [])
        {
            var container = definition.Definition.ContainerDefinitions?.FirstOrDefault(c => c.Name == balancer.ContainerName);
            if (container is null)
            {
                throw new LocalServiceException("InvalidParameterException", $"The container {balancer.ContainerName} does not exist in the task definition.");
            }

            if (container.PortMappings?.Any(p => p.ContainerPort == balancer.ContainerPort) != true)
            {
                throw new LocalServiceException("InvalidParameterException", $"The container {balancer.ContainerName} did not have a container port {balancer.ContainerPort} defined.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ServiceNamePattern();
}
