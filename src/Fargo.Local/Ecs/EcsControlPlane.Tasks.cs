using Fargo.Aws.Ecs;
using Fargo.Local.Api;

namespace Fargo.Local.Ecs;

internal sealed partial class EcsControlPlane
{
    public RunTaskResponse RunTask(RunTaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var count = request.Count ?? 1;
        if (count is < 1 or > 10)
        {
            throw new LocalServiceException("InvalidParameterException", "Count must be between 1 and 10.");
        }

        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var definition = FindTaskDefinition(request.TaskDefinition)
                ?? throw new LocalServiceException("InvalidParameterException", "TaskDefinition not found.");
            if (definition.Status != "ACTIVE")
            {
                throw new LocalServiceException("InvalidParameterException", "TaskDefinition is inactive");
            }

            foreach (var containerOverride in request.Overrides?.ContainerOverrides ?? [])
            {
                if (definition.Definition.ContainerDefinitions!.All(c => c.Name != containerOverride.Name))
                {
                    throw new LocalServiceException("InvalidParameterException", $"Override for container named {containerOverride.Name} is not a container in the TaskDefinition.");
                }
            }

            var group = request.Group ?? "family:" + definition.Family;
            var tasks = Enumerable.Range(0, count)
                .Select(_ => NewTask(cluster, definition, group, request.StartedBy, null, null, request.Overrides, request.Tags))
                .Select(t => EcsWireMapper.ToWire(t, includeTags: true))
                .ToList();
            return new RunTaskResponse { Tasks = tasks, Failures = [] };
        });
    }

    public StopTaskResponse StopTask(StopTaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var task = _store.Tasks.GetValueOrDefault(EcsArns.NameOf(request.Task));
            if (task is null || task.ClusterArn != cluster.Arn)
            {
                throw new LocalServiceException("InvalidParameterException", "The referenced task was not found.");
            }

            SetStopped(task, "UserInitiated", string.IsNullOrEmpty(request.Reason) ? "Task stopped by user" : request.Reason, countFailure: false);
            return new StopTaskResponse { Task = EcsWireMapper.ToWire(task, includeTags: false) };
        });
    }

    public DescribeTasksResponse DescribeTasks(DescribeTasksRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tasks is null || request.Tasks.Count is 0 or > 100)
        {
            throw new LocalServiceException("InvalidParameterException", "Tasks cannot be empty and can have at most 100 entries.");
        }

        var includeTags = request.Include?.Contains(TaskField.Tags) == true;
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            var tasks = new List<EcsTask>();
            var failures = new List<Failure>();
            foreach (var reference in request.Tasks)
            {
                var task = _store.Tasks.GetValueOrDefault(EcsArns.NameOf(reference));
                if (task is not null && task.ClusterArn == cluster.Arn)
                {
                    tasks.Add(EcsWireMapper.ToWire(task, includeTags));
                }
                else
                {
                    failures.Add(new Failure { Arn = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : EcsArns.Task(cluster.Name, reference), Reason = "MISSING" });
                }
            }

            return new DescribeTasksResponse { Tasks = tasks, Failures = failures };
        });
    }

    public ListTasksResponse ListTasks(ListTasksRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var cluster = RequireCluster(request.Cluster);
            string? serviceName = null;
            if (request.ServiceName is { Length: > 0 } reference)
            {
                var service = FindService(cluster, reference);
                if (service is null || service.Status == "INACTIVE")
                {
                    throw new LocalServiceException("ServiceNotFoundException", "Service not found.");
                }

                serviceName = service.Name;
            }

            // ECS lists tasks whose desiredStatus is RUNNING unless asked for STOPPED (PENDING is treated as RUNNING).
            var desired = request.DesiredStatus?.Value is "STOPPED" ? "STOPPED" : "RUNNING";
            var arns = _store.Tasks.Values
                .Where(t => t.ClusterArn == cluster.Arn && t.DesiredStatus == desired)
                .Where(t => serviceName is null || t.ServiceName == serviceName)
                .Where(t => request.StartedBy is null || t.StartedBy == request.StartedBy)
                .Where(t => request.Family is null || _store.TaskDefinitions.GetValueOrDefault(t.TaskDefinitionArn)?.Family == request.Family)
                .OrderBy(t => t.CreatedAt)
                .ThenBy(t => t.Id, StringComparer.Ordinal)
                .Select(t => t.Arn)
                .ToList();
            var (page, next) = Paginate(arns, request.MaxResults, 100, request.NextToken);
            return new ListTasksResponse { TaskArns = page, NextToken = next };
        });
    }
}
