using System.Globalization;
using Fargo.Aws.ApplicationAutoScaling;
using Fargo.Local.Api;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>
/// Application Auto Scaling, locally: scalable targets (ECS services' desired count), their policies and the scaling
/// activities, with AWS's validation and errors. Written through to state.db on every change. The
/// <see cref="Autoscaler"/> acts on what is recorded here.
/// </summary>
internal sealed class ScalingService : IDisposable
{
    private const int MaxActivitiesPerTarget = 100;
    private const int DefaultPageSize = 50;

    private static readonly string ServiceRoleArn =
        $"arn:{LocalRegionConstants.Partition}:iam::{LocalRegionConstants.Account}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService";

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<ScalableTarget> _targetTable;
    private readonly DocumentTable<ScalingPolicy> _policyTable;
    private readonly DocumentTable<ScalingActivity> _activityTable;
    private readonly IScalableServices _services;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ScalableTarget> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScalingPolicy> _policies = new(StringComparer.Ordinal);
    private readonly List<ScalingActivity> _activities = [];

    public ScalingService(string databasePath, IScalableServices services, TimeProvider time)
    {
        _services = services;
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        var json = ScalingStateJsonContext.Default;
        _targetTable = new DocumentTable<ScalableTarget>(_connection, "autoscaling_targets", json.ScalableTarget);
        _policyTable = new DocumentTable<ScalingPolicy>(_connection, "autoscaling_policies", json.ScalingPolicy);
        _activityTable = new DocumentTable<ScalingActivity>(_connection, "autoscaling_activities", json.ScalingActivity);
        foreach (var target in _targetTable.LoadAll(_connection))
        {
            _targets[Key(target.ServiceNamespace.Value, target.ResourceId, target.ScalableDimension.Value)] = target;
        }

        foreach (var policy in _policyTable.LoadAll(_connection))
        {
            _policies[policy.PolicyARN] = policy;
        }

        _activities.AddRange(_activityTable.LoadAll(_connection).OrderByDescending(a => a.StartTime));
    }

    public void Dispose() => _connection.Dispose();

    public ScalableTarget Register(RegisterScalableTargetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (cluster, serviceName) = ValidateTarget(request.ServiceNamespace, request.ResourceId, request.ScalableDimension);
        lock (_gate)
        {
            var key = Key(request.ServiceNamespace.Value, request.ResourceId, request.ScalableDimension.Value);
            var existing = _targets.GetValueOrDefault(key);
            if (existing is null && (request.MinCapacity is null || request.MaxCapacity is null))
            {
                throw Validation("MinCapacity and MaxCapacity are required for registering a new scalable target.");
            }

            var minimum = request.MinCapacity ?? existing!.MinCapacity;
            var maximum = request.MaxCapacity ?? existing!.MaxCapacity;
            if (minimum < 0 || maximum < 0)
            {
                throw Validation("Minimum and maximum capacity must be greater than or equal to 0.");
            }

            if (minimum > maximum)
            {
                throw Validation(string.Create(CultureInfo.InvariantCulture, $"Minimum capacity cannot be greater than maximum capacity. Minimum capacity: {minimum}, maximum capacity: {maximum}."));
            }

            var service = _services.Find(cluster, serviceName) ?? throw Validation($"ECS service doesn't exist: {request.ResourceId}");
            var target = new ScalableTarget
            {
                ServiceNamespace = request.ServiceNamespace,
                ResourceId = request.ResourceId,
                ScalableDimension = request.ScalableDimension,
                MinCapacity = minimum,
                MaxCapacity = maximum,
                RoleARN = request.RoleARN ?? existing?.RoleARN ?? ServiceRoleArn,
                CreationTime = existing?.CreationTime ?? _time.GetUtcNow(),
                SuspendedState = request.SuspendedState ?? existing?.SuspendedState
                    ?? new SuspendedState { DynamicScalingInSuspended = false, DynamicScalingOutSuspended = false, ScheduledScalingSuspended = false },
                ScalableTargetARN = existing?.ScalableTargetARN
                    ?? $"arn:{LocalRegionConstants.Partition}:application-autoscaling:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:scalable-target/{Guid.NewGuid():N}",
            };
            _targets[key] = target;
            Save(tx => _targetTable.Put(_connection, tx, key, target));

            // A desired count outside the new range is brought into it at once, as AWS does.
            if (service.DesiredCount < minimum)
            {
                SetCapacity(target, cluster, serviceName, minimum, ScalingTexts.MinimumCause(minimum));
            }
            else if (service.DesiredCount > maximum)
            {
                SetCapacity(target, cluster, serviceName, maximum, ScalingTexts.MaximumCause(maximum));
            }

            return target;
        }
    }

    public void Deregister(DeregisterScalableTargetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTarget(request.ServiceNamespace, request.ResourceId, request.ScalableDimension);
        lock (_gate)
        {
            var key = Key(request.ServiceNamespace.Value, request.ResourceId, request.ScalableDimension.Value);
            if (!_targets.Remove(key))
            {
                throw NotFound(ScalingTexts.TargetNotFound(request.ServiceNamespace.Value, request.ResourceId, request.ScalableDimension.Value));
            }

            // Deregistering a target deletes its policies, as on AWS.
            var policies = PoliciesOf(request.ResourceId, request.ScalableDimension.Value).ToList();
            foreach (var policy in policies)
            {
                _policies.Remove(policy.PolicyARN);
            }

            Save(tx =>
            {
                _targetTable.Delete(_connection, tx, key);
                foreach (var policy in policies)
                {
                    _policyTable.Delete(_connection, tx, policy.PolicyARN);
                }
            });
        }
    }

    public ScalingPolicy PutPolicy(PutScalingPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTarget(request.ServiceNamespace, request.ResourceId, request.ScalableDimension);
        ValidatePolicyName(request.PolicyName);
        var type = request.PolicyType ?? PolicyType.StepScaling;
        if (type != PolicyType.TargetTrackingScaling)
        {
            throw new LocalServiceException(
                "NotImplementedByLocalRegion",
                $"The local region runs target tracking policies only; a {type.Value} policy needs CloudWatch alarms, which the local region does not have (docs/autoscaling.md).");
        }

        var configuration = request.TargetTrackingScalingPolicyConfiguration
            ?? throw Validation("TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling.");
        ValidateTargetTracking(configuration);
        lock (_gate)
        {
            var target = FindTarget(request.ServiceNamespace.Value, request.ResourceId, request.ScalableDimension.Value)
                ?? throw NotFound(ScalingTexts.TargetNotRegistered(request.ServiceNamespace.Value, request.ResourceId, request.ScalableDimension.Value));
            var existing = PoliciesOf(request.ResourceId, request.ScalableDimension.Value).FirstOrDefault(p => p.PolicyName == request.PolicyName);
            var policy = new ScalingPolicy
            {
                PolicyARN = existing?.PolicyARN
                    ?? $"arn:{LocalRegionConstants.Partition}:autoscaling:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:scalingPolicy:{Guid.NewGuid()}:resource/{target.ServiceNamespace.Value}/{target.ResourceId}:policyName/{request.PolicyName}",
                PolicyName = request.PolicyName,
                ServiceNamespace = target.ServiceNamespace,
                ResourceId = target.ResourceId,
                ScalableDimension = target.ScalableDimension,
                PolicyType = type,
                TargetTrackingScalingPolicyConfiguration = configuration,
                Alarms = existing?.Alarms ?? [Alarm(ScalingTexts.AlarmName(target.ResourceId, "High")), Alarm(ScalingTexts.AlarmName(target.ResourceId, "Low"))],
                CreationTime = existing?.CreationTime ?? _time.GetUtcNow(),
            };
            _policies[policy.PolicyARN] = policy;
            Save(tx => _policyTable.Put(_connection, tx, policy.PolicyARN, policy));
            return policy;
        }
    }

    public void DeletePolicy(DeleteScalingPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTarget(request.ServiceNamespace, request.ResourceId, request.ScalableDimension);
        lock (_gate)
        {
            var policy = PoliciesOf(request.ResourceId, request.ScalableDimension.Value).FirstOrDefault(p => p.PolicyName == request.PolicyName)
                ?? throw NotFound(ScalingTexts.PolicyNotFound(request.ServiceNamespace.Value, request.ResourceId, request.ScalableDimension.Value, request.PolicyName));
            _policies.Remove(policy.PolicyARN);
            Save(tx => _policyTable.Delete(_connection, tx, policy.PolicyARN));
        }
    }

    public (IReadOnlyList<ScalableTarget> Targets, string? NextToken) DescribeTargets(DescribeScalableTargetsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateNamespace(request.ServiceNamespace);
        lock (_gate)
        {
            var found = _targets.Values
                .Where(t => t.ServiceNamespace == request.ServiceNamespace)
                .Where(t => request.ResourceIds is not { Count: > 0 } ids || ids.Contains(t.ResourceId, StringComparer.Ordinal))
                .Where(t => request.ScalableDimension is not { } dimension || t.ScalableDimension == dimension)
                .OrderBy(t => t.ResourceId, StringComparer.Ordinal);
            return Page(found, request.MaxResults, request.NextToken);
        }
    }

    public (IReadOnlyList<ScalingPolicy> Policies, string? NextToken) DescribePolicies(DescribeScalingPoliciesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateNamespace(request.ServiceNamespace);
        lock (_gate)
        {
            var found = _policies.Values
                .Where(p => p.ServiceNamespace == request.ServiceNamespace)
                .Where(p => request.ResourceId is not { } id || p.ResourceId == id)
                .Where(p => request.ScalableDimension is not { } dimension || p.ScalableDimension == dimension)
                .Where(p => request.PolicyNames is not { Count: > 0 } names || names.Contains(p.PolicyName, StringComparer.Ordinal))
                .OrderBy(p => p.ResourceId, StringComparer.Ordinal).ThenBy(p => p.PolicyName, StringComparer.Ordinal);
            return Page(found, request.MaxResults, request.NextToken);
        }
    }

    public (IReadOnlyList<ScalingActivity> Activities, string? NextToken) DescribeActivities(DescribeScalingActivitiesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateNamespace(request.ServiceNamespace);
        lock (_gate)
        {
            var found = _activities
                .Where(a => a.ServiceNamespace == request.ServiceNamespace)
                .Where(a => request.ResourceId is not { } id || a.ResourceId == id)
                .Where(a => request.ScalableDimension is not { } dimension || a.ScalableDimension == dimension)
                .Where(a => request.IncludeNotScaledActivities == true || a.NotScaledReasons is not { Count: > 0 });
            return Page(found, request.MaxResults, request.NextToken);
        }
    }

    /// <summary>The targets and their target tracking policies, for the autoscaler to evaluate.</summary>
    public IReadOnlyList<(ScalableTarget Target, IReadOnlyList<ScalingPolicy> Policies)> Snapshot()
    {
        lock (_gate)
        {
            return _targets.Values
                .Select(t => (t, (IReadOnlyList<ScalingPolicy>)PoliciesOf(t.ResourceId, t.ScalableDimension.Value).OrderBy(p => p.PolicyName, StringComparer.Ordinal).ToList()))
                .ToList();
        }
    }

    /// <summary>
    /// Sets a target's capacity because a policy's alarm fired, recording the activity; false when the target or the
    /// policy is gone meanwhile, or its ECS service is.
    /// </summary>
    public bool Scale(ScalableTarget target, ScalingPolicy policy, int capacity, string alarmName)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(policy);
        lock (_gate)
        {
            var key = Key(target.ServiceNamespace.Value, target.ResourceId, target.ScalableDimension.Value);
            if (!_targets.TryGetValue(key, out var current) || !_policies.ContainsKey(policy.PolicyARN))
            {
                return false;
            }

            var (cluster, service) = ParseEcsResourceId(current.ResourceId)!.Value;
            if (_services.Find(cluster, service) is null)
            {
                return false;
            }

            SetCapacity(current, cluster, service, Math.Clamp(capacity, current.MinCapacity, current.MaxCapacity), ScalingTexts.AlarmCause(alarmName, policy.PolicyName));
            return true;
        }
    }

    /// <summary>"service/CLUSTER/SERVICE" as its two names, or null when it has another form.</summary>
    public static (string Cluster, string Service)? ParseEcsResourceId(string resourceId)
    {
        var parts = resourceId.Split('/');
        return parts.Length == 3 && parts[0] == "service" && parts[1].Length > 0 && parts[2].Length > 0 ? (parts[1], parts[2]) : null;
    }

    private void SetCapacity(ScalableTarget target, string cluster, string service, int capacity, string cause)
    {
        var start = _time.GetUtcNow();
        _services.SetDesiredCount(cluster, service, capacity);
        var activity = new ScalingActivity
        {
            ActivityId = Guid.NewGuid().ToString(),
            ServiceNamespace = target.ServiceNamespace,
            ResourceId = target.ResourceId,
            ScalableDimension = target.ScalableDimension,
            Description = ScalingTexts.SettingDesiredCount(capacity),
            Cause = cause,
            StartTime = start,
            EndTime = _time.GetUtcNow(),
            StatusCode = ScalingActivityStatusCode.Successful,
            StatusMessage = ScalingTexts.Succeeded(capacity),
        };
        _activities.Insert(0, activity);
        var dropped = _activities.Where(a => a.ResourceId == target.ResourceId).Skip(MaxActivitiesPerTarget).ToList();
        foreach (var old in dropped)
        {
            _activities.Remove(old);
        }

        Save(tx =>
        {
            _activityTable.Put(_connection, tx, activity.ActivityId, activity);
            foreach (var old in dropped)
            {
                _activityTable.Delete(_connection, tx, old.ActivityId);
            }
        });
    }

    private ScalableTarget? FindTarget(string serviceNamespace, string resourceId, string dimension) =>
        _targets.GetValueOrDefault(Key(serviceNamespace, resourceId, dimension));

    private IEnumerable<ScalingPolicy> PoliciesOf(string resourceId, string dimension) =>
        _policies.Values.Where(p => p.ResourceId == resourceId && p.ScalableDimension.Value == dimension);

    private void Save(Action<SqliteTransaction> write)
    {
        using var transaction = _connection.BeginTransaction();
        write(transaction);
        transaction.Commit();
    }

    private static Alarm Alarm(string name) => new()
    {
        AlarmName = name,
        AlarmARN = $"arn:{LocalRegionConstants.Partition}:cloudwatch:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:alarm:{name}",
    };

    private static (IReadOnlyList<T> Page, string? NextToken) Page<T>(IEnumerable<T> items, int? maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > 50)
        {
            throw Validation(string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50"));
        }

        var offset = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new LocalServiceException("InvalidNextTokenException", "Invalid token.");
        }

        var all = items.ToList();
        var size = maxResults ?? DefaultPageSize;
        var page = all.Skip(offset).Take(size).ToList();
        return (page, offset + size < all.Count ? (offset + size).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static (string Cluster, string Service) ValidateTarget(ServiceNamespace serviceNamespace, string resourceId, ScalableDimension dimension)
    {
        ValidateNamespace(serviceNamespace);
        if (!ScalableDimension.KnownValues.Contains(dimension))
        {
            throw Validation($"1 validation error detected: Value '{dimension.Value}' at 'scalableDimension' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", ScalableDimension.KnownValues)}]");
        }

        if (dimension.Value != ScalingTexts.EcsDimension)
        {
            throw Validation("Unsupported service namespace, resource type or scalable dimension");
        }

        return ParseEcsResourceId(resourceId) ?? throw Validation($"Unsupported resource ID for ECS service: {resourceId}. The resource ID must have the form service/CLUSTER/SERVICE.");
    }

    private static void ValidateNamespace(ServiceNamespace serviceNamespace)
    {
        if (!ServiceNamespace.KnownValues.Contains(serviceNamespace))
        {
            throw Validation($"1 validation error detected: Value '{serviceNamespace.Value}' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", ServiceNamespace.KnownValues)}]");
        }

        if (serviceNamespace.Value != ScalingTexts.EcsNamespace)
        {
            throw new LocalServiceException(
                "NotImplementedByLocalRegion",
                $"The local region scales ECS services only (service namespace ecs), not {serviceNamespace.Value} (docs/autoscaling.md).");
        }
    }

    private static void ValidatePolicyName(string name)
    {
        if (name.Length is 0 or > 256 || name.Any(c => c == ':' || char.IsControl(c)))
        {
            throw Validation($"1 validation error detected: Value '{name}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{{Print}}+");
        }
    }

    private static void ValidateTargetTracking(TargetTrackingScalingPolicyConfiguration configuration)
    {
        if (configuration.TargetValue is < 8.515920e-109 or > 6.174271e+107)
        {
            throw Validation("The target value must be a positive number.");
        }

        if (configuration.CustomizedMetricSpecification is not null)
        {
            throw new LocalServiceException(
                "NotImplementedByLocalRegion",
                "The local region tracks predefined metrics only (ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget); a customized metric needs CloudWatch (docs/autoscaling.md).");
        }

        var metric = configuration.PredefinedMetricSpecification
            ?? throw Validation("Either PredefinedMetricSpecification or CustomizedMetricSpecification must be specified.");
        if (metric.PredefinedMetricType != MetricType.ECSServiceAverageCPUUtilization
            && metric.PredefinedMetricType != MetricType.ECSServiceAverageMemoryUtilization
            && metric.PredefinedMetricType != MetricType.ALBRequestCountPerTarget)
        {
            throw Validation($"Unsupported metric type {metric.PredefinedMetricType.Value} for service namespace ecs.");
        }

        if (metric.PredefinedMetricType == MetricType.ALBRequestCountPerTarget && string.IsNullOrEmpty(metric.ResourceLabel))
        {
            throw Validation("ResourceLabel is required for the predefined metric type ALBRequestCountPerTarget.");
        }

        if (configuration.ScaleInCooldown is < 0 || configuration.ScaleOutCooldown is < 0)
        {
            throw Validation("Cooldown values must be greater than or equal to 0.");
        }
    }

    private static string Key(string serviceNamespace, string resourceId, string dimension) => $"{serviceNamespace}|{resourceId}|{dimension}";

    private static LocalServiceException Validation(string message) => new("ValidationException", message);

    private static LocalServiceException NotFound(string message) => new("ObjectNotFoundException", message);
}
