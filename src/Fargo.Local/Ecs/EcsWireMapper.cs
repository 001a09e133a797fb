using Fargo.Aws.Ecs;
using EcsKeyValuePair = Fargo.Aws.Ecs.KeyValuePair;

namespace Fargo.Local.Ecs;

/// <summary>Turns the control plane's records into ECS's wire shapes, as DescribeX returns them.</summary>
internal static class EcsWireMapper
{
    public const string AvailabilityZone = LocalRegionConstants.Region + "a";
    public const string LoopbackAddress = "127.0.0.1";

    public static Cluster ToWire(ClusterRecord cluster, IEnumerable<ServiceRecord> services, IEnumerable<TaskRecord> tasks, bool includeTags)
    {
        var clusterTasks = tasks.Where(t => t.ClusterArn == cluster.Arn && !t.IsStopped).ToList();
        return new Cluster
        {
            ClusterArn = cluster.Arn,
            ClusterName = cluster.Name,
            Status = cluster.Status,
            RegisteredContainerInstancesCount = 0,
            RunningTasksCount = clusterTasks.Count(t => t.LastStatus == TaskStatuses.Running),
            PendingTasksCount = clusterTasks.Count(t => t.LastStatus is TaskStatuses.Provisioning or TaskStatuses.Pending or TaskStatuses.Activating),
            ActiveServicesCount = services.Count(s => s.ClusterArn == cluster.Arn && s.Status == "ACTIVE"),
            Statistics = [],
            Tags = includeTags ? cluster.Tags ?? [] : null,
            Settings = cluster.Settings ?? [new ClusterSetting { Name = ClusterSettingName.FromWire("containerInsights"), Value = "disabled" }],
            Configuration = cluster.Configuration,
            CapacityProviders = cluster.CapacityProviders,
            DefaultCapacityProviderStrategy = cluster.DefaultCapacityProviderStrategy,
        };
    }

    public static Service ToWire(ServiceRecord service, IEnumerable<TaskRecord> serviceTasks, bool includeTags)
    {
        var live = serviceTasks.Where(t => !t.IsStopped).ToList();
        return new Service
        {
            ServiceArn = service.Arn,
            ServiceName = service.Name,
            ClusterArn = service.ClusterArn,
            LoadBalancers = service.LoadBalancers ?? [],
            ServiceRegistries = service.ServiceRegistries ?? [],
            Status = service.Status,
            DesiredCount = service.DesiredCount,
            RunningCount = live.Count(t => t.LastStatus == TaskStatuses.Running),
            PendingCount = live.Count(t => t.LastStatus is TaskStatuses.Provisioning or TaskStatuses.Pending or TaskStatuses.Activating),
            LaunchType = LaunchType.FromWire(service.LaunchType),
            PlatformVersion = service.PlatformVersion,
            PlatformFamily = "Linux",
            TaskDefinition = service.TaskDefinitionArn,
            DeploymentConfiguration = new DeploymentConfiguration
            {
                DeploymentCircuitBreaker = service.CircuitBreaker ?? new DeploymentCircuitBreaker { Enable = false, Rollback = false },
                MaximumPercent = service.MaximumPercent,
                MinimumHealthyPercent = service.MinimumHealthyPercent,
            },
            Deployments = service.Deployments.Select(d => ToWire(d, service)).ToList(),
            Events = service.Events.Select(e => new ServiceEvent { Id = e.Id, CreatedAt = e.CreatedAt, Message = e.Message }).ToList(),
            CreatedAt = service.CreatedAt,
            PlacementConstraints = [],
            PlacementStrategy = [],
            NetworkConfiguration = service.NetworkConfiguration,
            HealthCheckGracePeriodSeconds = service.HealthCheckGracePeriodSeconds,
            SchedulingStrategy = SchedulingStrategy.Replica,
            DeploymentController = new DeploymentController { Type = DeploymentControllerType.Ecs },
            Tags = includeTags ? service.Tags ?? [] : null,
            CreatedBy = EcsArns.RegisteredBy,
            EnableECSManagedTags = service.EnableEcsManagedTags,
            PropagateTags = PropagateTags.FromWire(service.PropagateTags ?? "NONE"),
            EnableExecuteCommand = service.EnableExecuteCommand,
        };
    }

    private static Deployment ToWire(DeploymentRecord deployment, ServiceRecord service) => new()
    {
        Id = deployment.Id,
        Status = deployment.Status,
        TaskDefinition = deployment.TaskDefinitionArn,
        DesiredCount = deployment.DesiredCount,
        PendingCount = deployment.PendingCount,
        RunningCount = deployment.RunningCount,
        FailedTasks = deployment.FailedTasks,
        CreatedAt = deployment.CreatedAt,
        UpdatedAt = deployment.UpdatedAt,
        LaunchType = LaunchType.FromWire(service.LaunchType),
        PlatformVersion = "1.4.0",
        PlatformFamily = "Linux",
        NetworkConfiguration = deployment.NetworkConfiguration,
        RolloutState = DeploymentRolloutState.FromWire(deployment.RolloutState),
        RolloutStateReason = deployment.RolloutStateReason,
    };

    public static EcsTask ToWire(TaskRecord task, bool includeTags)
    {
        var attachmentStatus = task.LastStatus switch
        {
            TaskStatuses.Provisioning => "PRECREATED",
            TaskStatuses.Stopped => "DELETED",
            _ => "ATTACHED",
        };
        var connected = task.LastStatus is TaskStatuses.Running or TaskStatuses.Deactivating or TaskStatuses.Stopping;
        return new EcsTask
        {
            Attachments =
            [
                new Attachment
                {
                    Id = task.AttachmentId,
                    Type = "ElasticNetworkInterface",
                    Status = attachmentStatus,
                    Details =
                    [
                        new EcsKeyValuePair { Name = "subnetId", Value = "subnet-local" },
                        new EcsKeyValuePair { Name = "networkInterfaceId", Value = "eni-" + task.Id[..17] },
                        new EcsKeyValuePair { Name = "privateDnsName", Value = "localhost" },
                        new EcsKeyValuePair { Name = "privateIPv4Address", Value = LoopbackAddress },
                    ],
                },
            ],
            Attributes = [new AttributeSpec { Name = "ecs.cpu-architecture", Value = "x86_64" }],
            AvailabilityZone = AvailabilityZone,
            ClusterArn = task.ClusterArn,
            Connectivity = connected ? Connectivity.Connected : null,
            ConnectivityAt = task.ConnectivityAt,
            Containers = task.Containers.Select(c => ToWire(c, task)).ToList(),
            Cpu = task.Cpu,
            CreatedAt = task.CreatedAt,
            DesiredStatus = task.DesiredStatus,
            EnableExecuteCommand = false,
            ExecutionStoppedAt = task.ExecutionStoppedAt,
            Group = task.Group,
            HealthStatus = HealthStatus.FromWire(task.HealthStatus),
            LastStatus = task.LastStatus,
            LaunchType = LaunchType.FromWire(task.LaunchType),
            Memory = task.Memory,
            Overrides = task.Overrides ?? new TaskOverride { ContainerOverrides = task.Containers.Select(c => new ContainerOverride { Name = c.Name }).ToList(), InferenceAcceleratorOverrides = [] },
            PlatformVersion = "1.4.0",
            PlatformFamily = "Linux",
            PullStartedAt = task.PullStartedAt,
            PullStoppedAt = task.PullStoppedAt,
            StartedAt = task.StartedAt,
            StartedBy = task.StartedBy,
            StopCode = task.StopCode is null ? null : TaskStopCode.FromWire(task.StopCode),
            StoppedAt = task.StoppedAt,
            StoppedReason = task.StoppedReason,
            StoppingAt = task.StoppingAt,
            Tags = includeTags ? task.Tags ?? [] : null,
            TaskArn = task.Arn,
            TaskDefinitionArn = task.TaskDefinitionArn,
            Version = task.Version,
        };
    }

    private static Container ToWire(ContainerRecord container, TaskRecord task) => new()
    {
        ContainerArn = container.Arn,
        TaskArn = task.Arn,
        Name = container.Name,
        Image = container.Image,
        ImageDigest = container.ImageDigest,
        RuntimeId = container.ProcessId is { } pid ? $"{task.Id}-{pid}" : null,
        LastStatus = container.LastStatus,
        ExitCode = container.ExitCode,
        Reason = container.Reason,
        NetworkBindings = container.NetworkBindings,
        NetworkInterfaces = [new NetworkInterface { AttachmentId = task.AttachmentId, PrivateIpv4Address = LoopbackAddress }],
        HealthStatus = container.HasHealthCheck ? HealthStatus.FromWire(container.HealthStatus) : HealthStatus.Unknown,
        Cpu = "0",
    };
}
