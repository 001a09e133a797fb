using System.Text.Json.Nodes;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.Api;
using Fargo.Local.LoadBalancing;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>AWS::ElasticLoadBalancingV2::LoadBalancer through CreateLoadBalancer and its attributes. Ref: the ARN.</summary>
internal sealed class LoadBalancerHandler(ElbControlPlane elb) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "Name") ?? ShortName(context);
        var request = PropertyMapping.ToRequest(properties, ElasticLoadBalancingV2JsonContext.Default.CreateLoadBalancerRequest, camelCase: false, ("Name", name));
        var balancer = elb.CreateLoadBalancer(request).LoadBalancers![0];
        SetAttributes(balancer.LoadBalancerArn!, properties);
        return Task.FromResult(Outcome(balancer));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        SetAttributes(physicalId, properties);
        return Task.FromResult(Outcome(elb.DescribeLoadBalancers(new DescribeLoadBalancersRequest { LoadBalancerArns = [physicalId] }).LoadBalancers![0]));
    }

    public async Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken) =>
        await elb.DeleteLoadBalancerAsync(new DeleteLoadBalancerRequest { LoadBalancerArn = physicalId }, cancellationToken).ConfigureAwait(false);

    /// <summary>ALB names: at most 32 characters, letters, digits and hyphens; CloudFormation cuts the stack and logical id to fit.</summary>
    internal static string ShortName(ResourceContext context) => context.GeneratedName(32).Replace('_', '-').TrimStart('-');

    private void SetAttributes(string arn, JsonObject properties)
    {
        if (properties["LoadBalancerAttributes"] is not JsonArray attributes || attributes.Count == 0)
        {
            return;
        }

        elb.ModifyLoadBalancerAttributes(new ModifyLoadBalancerAttributesRequest
        {
            LoadBalancerArn = arn,
            Attributes = attributes.Select(a => new LoadBalancerAttribute { Key = a?["Key"]?.ToString(), Value = Template.TemplateEvaluator.Text(a?["Value"]) }).ToList(),
        });
    }

    private static ResourceOutcome Outcome(LoadBalancer balancer)
    {
        var arn = balancer.LoadBalancerArn!;
        var fullName = arn[(arn.IndexOf(":loadbalancer/", StringComparison.Ordinal) + ":loadbalancer/".Length)..];
        return new ResourceOutcome(arn, new Dictionary<string, JsonNode?>
        {
            ["LoadBalancerArn"] = arn,
            ["DNSName"] = balancer.DNSName,
            ["CanonicalHostedZoneID"] = balancer.CanonicalHostedZoneId,
            ["LoadBalancerFullName"] = fullName,
            ["LoadBalancerName"] = balancer.LoadBalancerName,
            ["SecurityGroups"] = new JsonArray((balancer.SecurityGroups ?? []).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        });
    }
}

/// <summary>
/// AWS::ElasticLoadBalancingV2::TargetGroup through CreateTargetGroup, ModifyTargetGroup (health check) and
/// ModifyTargetGroupAttributes. Ref: the ARN.
/// </summary>
internal sealed class TargetGroupHandler(ElbControlPlane elb) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "Name") ?? LoadBalancerHandler.ShortName(context);
        var request = PropertyMapping.ToRequest(properties, ElasticLoadBalancingV2JsonContext.Default.CreateTargetGroupRequest, camelCase: false, ("Name", name));
        var group = elb.CreateTargetGroup(request).TargetGroups![0];
        SetAttributes(group.TargetGroupArn!, properties);
        return Task.FromResult(Outcome(elb, group));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var modify = PropertyMapping.ToRequest(properties, RuleShapesJsonContext.Default.ModifyTargetGroupRequest, camelCase: false, ("TargetGroupArn", physicalId));
        // A health check setting the template no longer gives goes back to ALB's default, as CloudFormation sends it.
        modify = modify with
        {
            HealthCheckPath = modify.HealthCheckPath ?? "/",
            HealthCheckIntervalSeconds = modify.HealthCheckIntervalSeconds ?? 30,
            HealthCheckTimeoutSeconds = modify.HealthCheckTimeoutSeconds ?? 5,
            HealthyThresholdCount = modify.HealthyThresholdCount ?? 5,
            UnhealthyThresholdCount = modify.UnhealthyThresholdCount ?? 2,
            HealthCheckPort = modify.HealthCheckPort ?? "traffic-port",
            Matcher = modify.Matcher ?? new Matcher { HttpCode = "200" },
        };
        var group = elb.ModifyTargetGroup(modify).TargetGroups![0];
        SetAttributes(physicalId, properties);
        return Task.FromResult(Outcome(elb, group));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        elb.DeleteTargetGroup(new DeleteTargetGroupRequest { TargetGroupArn = physicalId });
        return Task.CompletedTask;
    }

    private void SetAttributes(string arn, JsonObject properties)
    {
        if (properties["TargetGroupAttributes"] is not JsonArray attributes || attributes.Count == 0)
        {
            return;
        }

        elb.ModifyTargetGroupAttributes(new ModifyTargetGroupAttributesRequest
        {
            TargetGroupArn = arn,
            Attributes = attributes.Select(a => new TargetGroupAttribute { Key = a?["Key"]?.ToString(), Value = Template.TemplateEvaluator.Text(a?["Value"]) }).ToList(),
        });
    }

    private static ResourceOutcome Outcome(ElbControlPlane elb, TargetGroup group)
    {
        var arn = group.TargetGroupArn!;
        var described = elb.DescribeTargetGroups(new DescribeTargetGroupsRequest { TargetGroupArns = [arn] }).TargetGroups![0];
        return new ResourceOutcome(arn, new Dictionary<string, JsonNode?>
        {
            ["TargetGroupArn"] = arn,
            ["TargetGroupName"] = group.TargetGroupName,
            ["TargetGroupFullName"] = arn[(arn.IndexOf(":targetgroup/", StringComparison.Ordinal) + 1)..],
            ["LoadBalancerArns"] = new JsonArray((described.LoadBalancerArns ?? []).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        });
    }
}

/// <summary>AWS::ElasticLoadBalancingV2::Listener through CreateListener/ModifyListener/DeleteListener. Ref: the ARN.</summary>
internal sealed class ListenerHandler(ElbControlPlane elb) : IResourceHandler
{
    public async Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var request = PropertyMapping.ToRequest(properties, ElasticLoadBalancingV2JsonContext.Default.CreateListenerRequest, camelCase: false);
        var listener = (await elb.CreateListenerAsync(request, cancellationToken).ConfigureAwait(false)).Listeners![0];
        return Outcome(listener.ListenerArn!);
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var request = PropertyMapping.ToRequest(properties, RuleShapesJsonContext.Default.ModifyListenerRequest, camelCase: false, ("ListenerArn", physicalId));
        elb.ModifyListener(request);
        return Task.FromResult(Outcome(physicalId));
    }

    public async Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await elb.DeleteListenerAsync(new DeleteListenerRequest { ListenerArn = physicalId }, cancellationToken).ConfigureAwait(false);
        }
        catch (LocalServiceException e) when (e.Code == "ListenerNotFound")
        {
            // Went with its load balancer.
        }
    }

    private static ResourceOutcome Outcome(string arn) => new(arn, new Dictionary<string, JsonNode?> { ["ListenerArn"] = arn });
}

/// <summary>AWS::ElasticLoadBalancingV2::ListenerRule through CreateRule/ModifyRule/SetRulePriorities/DeleteRule. Ref: the ARN.</summary>
internal sealed class ListenerRuleHandler(ElbControlPlane elb) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var request = PropertyMapping.ToRequest(properties, RuleShapesJsonContext.Default.CreateRuleRequest, camelCase: false);
        var rule = elb.CreateRule(request).Rules![0];
        return Task.FromResult(Outcome(rule.RuleArn!));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var wanted = PropertyMapping.ToRequest(properties, RuleShapesJsonContext.Default.CreateRuleRequest, camelCase: false);
        elb.ModifyRule(new ModifyRuleRequest { RuleArn = physicalId, Conditions = wanted.Conditions, Actions = wanted.Actions });
        if (PropertyMapping.Int(previous, "Priority") != wanted.Priority)
        {
            elb.SetRulePriorities(new SetRulePrioritiesRequest { RulePriorities = [new RulePriorityPair { RuleArn = physicalId, Priority = wanted.Priority }] });
        }

        return Task.FromResult(Outcome(physicalId));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            elb.DeleteRule(new DeleteRuleRequest { RuleArn = physicalId });
        }
        catch (LocalServiceException e) when (e.Code == "RuleNotFound")
        {
            // Went with its listener.
        }

        return Task.CompletedTask;
    }

    private static ResourceOutcome Outcome(string arn) => new(arn, new Dictionary<string, JsonNode?> { ["RuleArn"] = arn, ["IsDefault"] = false });
}
