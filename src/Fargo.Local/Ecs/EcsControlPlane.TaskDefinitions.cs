using System.Globalization;
using System.Text.RegularExpressions;
using Fargo.Aws.Ecs;
using Fargo.Local.Api;

namespace Fargo.Local.Ecs;

internal sealed partial class EcsControlPlane
{
    public RegisterTaskDefinitionResponse RegisterTaskDefinition(RegisterTaskDefinitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTaskDefinition(request);
        return Locked(() =>
        {
            var revision = _store.TaskDefinitions.Values.Where(d => d.Family == request.Family).Select(d => d.Revision).DefaultIfEmpty(0).Max() + 1;
            var arn = EcsArns.TaskDefinition(request.Family, revision);
            var fargate = request.RequiresCompatibilities?.Contains(Compatibility.Fargate) == true;
            var definition = new TaskDefinition
            {
                TaskDefinitionArn = arn,
                ContainerDefinitions = request.ContainerDefinitions.Select(c => WithEcsDefaults(c, request.NetworkMode)).ToList(),
                Family = request.Family,
                TaskRoleArn = request.TaskRoleArn,
                ExecutionRoleArn = request.ExecutionRoleArn,
                NetworkMode = request.NetworkMode ?? (fargate ? NetworkMode.Awsvpc : NetworkMode.Bridge),
                Revision = revision,
                Volumes = request.Volumes ?? [],
                Status = TaskDefinitionStatus.Active,
                RequiresAttributes = RequiredAttributes(request),
                PlacementConstraints = request.PlacementConstraints ?? [],
                Compatibilities = [Compatibility.Ec2, Compatibility.Fargate],
                RuntimePlatform = request.RuntimePlatform,
                RequiresCompatibilities = request.RequiresCompatibilities,
                Cpu = request.Cpu,
                Memory = request.Memory,
                InferenceAccelerators = request.InferenceAccelerators,
                PidMode = request.PidMode,
                IpcMode = request.IpcMode,
                ProxyConfiguration = request.ProxyConfiguration,
                RegisteredAt = Now,
                RegisteredBy = EcsArns.RegisteredBy,
                EphemeralStorage = request.EphemeralStorage,
            };
            var record = new TaskDefinitionRecord
            {
                Arn = arn,
                Family = request.Family,
                Revision = revision,
                Status = "ACTIVE",
                Definition = definition,
                Tags = request.Tags is { Count: > 0 } ? request.Tags : null,
            };
            _store.TaskDefinitions[arn] = record;
            _store.Changed(record);
            return new RegisterTaskDefinitionResponse { TaskDefinition = definition, Tags = request.Tags ?? [] };
        });
    }

    public DescribeTaskDefinitionResponse DescribeTaskDefinition(DescribeTaskDefinitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var record = FindTaskDefinitionForDescribe(request.TaskDefinition)
                ?? throw new LocalServiceException("ClientException", "Unable to describe task definition.");
            var includeTags = request.Include?.Contains(TaskDefinitionField.Tags) == true;
            return new DescribeTaskDefinitionResponse { TaskDefinition = record.Definition, Tags = includeTags ? record.Tags ?? [] : null };
        });
    }

    public ListTaskDefinitionsResponse ListTaskDefinitions(ListTaskDefinitionsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = request.Status?.Value ?? "ACTIVE";
        var descending = request.Sort == SortOrder.Desc;
        return Locked(() =>
        {
            var arns = _store.TaskDefinitions.Values
                .Where(d => (request.FamilyPrefix is null || d.Family.StartsWith(request.FamilyPrefix, StringComparison.Ordinal)) && d.Status == status)
                .OrderBy(d => d.Family, StringComparer.Ordinal)
                .ThenBy(d => d.Revision)
                .Select(d => d.Arn)
                .ToList();
            if (descending)
            {
                arns.Reverse();
            }

            var (page, next) = Paginate(arns, request.MaxResults, 100, request.NextToken);
            return new ListTaskDefinitionsResponse { TaskDefinitionArns = page, NextToken = next };
        });
    }

    public DeregisterTaskDefinitionResponse DeregisterTaskDefinition(DeregisterTaskDefinitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.TaskDefinition.Contains(':', StringComparison.Ordinal))
        {
            throw new LocalServiceException("ClientException", "Invalid revision number. Number: " + request.TaskDefinition);
        }

        return Locked(() =>
        {
            var record = FindTaskDefinition(request.TaskDefinition)
                ?? throw new LocalServiceException("ClientException", "The specified task definition does not exist.");
            if (record.Status == "ACTIVE")
            {
                record.Status = "INACTIVE";
                record.Definition = record.Definition with { Status = TaskDefinitionStatus.Inactive, DeregisteredAt = Now };
                _store.Changed(record);
            }

            return new DeregisterTaskDefinitionResponse { TaskDefinition = record.Definition };
        });
    }

    /// <summary>DescribeTaskDefinition also finds INACTIVE revisions when named exactly.</summary>
    private TaskDefinitionRecord? FindTaskDefinitionForDescribe(string reference) => FindTaskDefinition(reference);

    private static void ValidateTaskDefinition(RegisterTaskDefinitionRequest request)
    {
        if (string.IsNullOrEmpty(request.Family) || request.Family.Length > 255 || !FamilyPattern().IsMatch(request.Family))
        {
            throw new LocalServiceException("ClientException", "Family contains invalid characters or is too long: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
        }

        if (request.ContainerDefinitions is null || request.ContainerDefinitions.Count == 0)
        {
            throw new LocalServiceException("ClientException", "Container list cannot be empty.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in request.ContainerDefinitions)
        {
            if (string.IsNullOrEmpty(container.Name))
            {
                throw new LocalServiceException("ClientException", "Container.name should not be null or empty.");
            }

            if (string.IsNullOrEmpty(container.Image))
            {
                throw new LocalServiceException("ClientException", "Container.image should not be null or empty.");
            }

            if (!names.Add(container.Name))
            {
                throw new LocalServiceException("ClientException", "Duplicate container name: " + container.Name);
            }

            if (container.HealthCheck is { } check)
            {
                ValidateHealthCheck(check);
            }

            if (container.StopTimeout is < 2 or > 120)
            {
                throw new LocalServiceException("ClientException", "Fargate stopTimeout must be between 2 and 120 seconds.");
            }

            ValidateContainerMemory(container, request.Memory);
        }

        if (!request.ContainerDefinitions.Any(c => c.Essential ?? true))
        {
            throw new LocalServiceException("ClientException", "Task definition must have at least one essential container.");
        }

        if (request.RequiresCompatibilities?.Contains(Compatibility.Fargate) != true)
        {
            return;
        }

        if (request.NetworkMode is { } mode && mode != NetworkMode.Awsvpc)
        {
            throw new LocalServiceException("ClientException", "Fargate only supports network mode 'awsvpc'.");
        }

        if (request.Cpu is null || request.Memory is null)
        {
            throw new LocalServiceException("ClientException", "Fargate requires that 'cpu' be defined at the task level.");
        }

        var cpu = ParseCpu(request.Cpu);
        var memory = ParseMemory(request.Memory);
        if (cpu is null || memory is null || !IsFargateSize(cpu.Value, memory.Value))
        {
            throw new LocalServiceException("ClientException", $"No Fargate configuration exists for given values: {request.Cpu} CPU, {request.Memory} memory. See the Amazon ECS documentation for the valid values.");
        }

        if (request.ExecutionRoleArn is null && request.ContainerDefinitions.Any(c => c.LogConfiguration?.LogDriver == LogDriver.Awslogs))
        {
            throw new LocalServiceException("ClientException", "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
        }
    }

    // ECS's exact wording of these two refusals is unconfirmed (../shared/reference has none): the messages name the
    // member and the container, as ECS's ClientExceptions do.
    private static void ValidateContainerMemory(ContainerDefinition container, string? taskMemory)
    {
        if (container.Memory is { } hard && container.MemoryReservation is { } soft && soft > hard)
        {
            throw new LocalServiceException("ClientException", $"Invalid 'memoryReservation' setting for container '{container.Name}': {soft} MiB is more than its 'memory' hard limit of {hard} MiB.");
        }

        if (ParseMemory(taskMemory ?? "") is { } task && (container.Memory > task ? container.Memory : container.MemoryReservation > task ? container.MemoryReservation : null) is { } over)
        {
            throw new LocalServiceException("ClientException", $"Invalid 'memory' setting for container '{container.Name}': a container's memory ({over} MiB) cannot be more than the task's ({task} MiB).");
        }
    }

    private static void ValidateHealthCheck(HealthCheck check)
    {
        if (check.Command is null || check.Command.Count < 2 || check.Command[0] is not ("CMD" or "CMD-SHELL"))
        {
            throw new LocalServiceException("ClientException", "Invalid healthCheck command: it must start with \"CMD\" or \"CMD-SHELL\", followed by the command.");
        }

        if (check.Interval is < 5 or > 300 || check.Timeout is < 2 or > 60 || check.Retries is < 1 or > 10 || check.StartPeriod is < 0 or > 300)
        {
            throw new LocalServiceException("ClientException", "Invalid healthCheck: interval must be 5-300 seconds, timeout 2-60 seconds, retries 1-10 and startPeriod 0-300 seconds.");
        }
    }

    /// <summary>The defaults ECS fills into a registered container definition.</summary>
    private static ContainerDefinition WithEcsDefaults(ContainerDefinition container, NetworkMode? networkMode) => container with
    {
        Cpu = container.Cpu ?? 0,
        Essential = container.Essential ?? true,
        PortMappings = (container.PortMappings ?? []).Select(p => p with
        {
            HostPort = p.HostPort ?? (networkMode is null || networkMode == NetworkMode.Awsvpc || networkMode == NetworkMode.Host ? p.ContainerPort : 0),
            Protocol = p.Protocol ?? TransportProtocol.Tcp,
        }).ToList(),
        Environment = container.Environment ?? [],
        MountPoints = container.MountPoints ?? [],
        VolumesFrom = container.VolumesFrom ?? [],
        SystemControls = container.SystemControls ?? [],
        HealthCheck = container.HealthCheck is { } check
            ? check with { Interval = check.Interval ?? 30, Timeout = check.Timeout ?? 5, Retries = check.Retries ?? 3, StartPeriod = check.StartPeriod }
            : null,
    };

    private static List<AttributeSpec> RequiredAttributes(RegisterTaskDefinitionRequest request)
    {
        var attributes = new List<AttributeSpec>();
        if (request.ContainerDefinitions.Any(c => c.LogConfiguration?.LogDriver == LogDriver.Awslogs))
        {
            attributes.Add(new AttributeSpec { Name = "com.amazonaws.ecs.capability.logging-driver.awslogs" });
        }

        if (request.ExecutionRoleArn is not null)
        {
            attributes.Add(new AttributeSpec { Name = "ecs.capability.execution-role-awslogs" });
        }

        if (request.ContainerDefinitions.Any(c => c.Secrets is { Count: > 0 }))
        {
            attributes.Add(new AttributeSpec { Name = "ecs.capability.secrets.ssm.environment-variables" });
        }

        if (request.ContainerDefinitions.Any(c => c.HealthCheck is not null))
        {
            attributes.Add(new AttributeSpec { Name = "ecs.capability.container-health-check" });
        }

        if (request.NetworkMode == NetworkMode.Awsvpc || request.RequiresCompatibilities?.Contains(Compatibility.Fargate) == true)
        {
            attributes.Add(new AttributeSpec { Name = "ecs.capability.task-eni" });
        }

        return attributes;
    }

    internal static bool IsFargateSize(int cpu, int memory) => cpu switch
    {
        256 => memory is 512 or 1024 or 2048,
        512 => memory is >= 1024 and <= 4096 && memory % 1024 == 0,
        1024 => memory is >= 2048 and <= 8192 && memory % 1024 == 0,
        2048 => memory is >= 4096 and <= 16384 && memory % 1024 == 0,
        4096 => memory is >= 8192 and <= 30720 && memory % 1024 == 0,
        8192 => memory is >= 16384 and <= 61440 && memory % 4096 == 0,
        16384 => memory is >= 32768 and <= 122880 && memory % 8192 == 0,
        _ => false,
    };

    private static int? ParseCpu(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith("vcpu", StringComparison.OrdinalIgnoreCase))
        {
            return double.TryParse(trimmed[..^4].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var vcpu) ? (int)(vcpu * 1024) : null;
        }

        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var units) ? units : null;
    }

    private static int? ParseMemory(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith("gb", StringComparison.OrdinalIgnoreCase))
        {
            return double.TryParse(trimmed[..^2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var gb) ? (int)(gb * 1024) : null;
        }

        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) ? mib : null;
    }

    /// <summary>ECS-style pagination over a list: the token is the index to continue from.</summary>
    private static (List<string> Page, string? NextToken) Paginate(List<string> items, int? maxResults, int defaultPageSize, string? nextToken)
    {
        var pageSize = maxResults ?? defaultPageSize;
        if (pageSize is < 1 or > 100)
        {
            throw new LocalServiceException("InvalidParameterException", "maxResults must be between 1 and 100.");
        }

        var start = 0;
        if (nextToken is not null && !int.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            throw new LocalServiceException("InvalidParameterException", "Invalid nextToken.");
        }

        var page = items.Skip(start).Take(pageSize).ToList();
        return (page, start + pageSize < items.Count ? (start + pageSize).ToString(CultureInfo.InvariantCulture) : null);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex FamilyPattern();
}
