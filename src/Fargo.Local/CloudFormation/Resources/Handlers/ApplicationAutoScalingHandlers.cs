using System.Text.Json.Nodes;
using Fargo.Aws.ApplicationAutoScaling;
using Fargo.Local.Api;
using Fargo.Local.ApplicationAutoScaling;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::ApplicationAutoScaling::ScalableTarget through RegisterScalableTarget/DeregisterScalableTarget. Ref and Id:
/// "RESOURCE_ID|DIMENSION|NAMESPACE", which a ScalingPolicy's ScalingTargetId names.
/// </summary>
internal sealed class ScalableTargetHandler(ScalingService scaling) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Register(properties));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Register(properties));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        var (resourceId, dimension, serviceNamespace) = ScalingTargetId.Parse(physicalId);
        try
        {
            scaling.Deregister(new DeregisterScalableTargetRequest
            {
                ServiceNamespace = new ServiceNamespace(serviceNamespace),
                ResourceId = resourceId,
                ScalableDimension = new ScalableDimension(dimension),
            });
        }
        catch (LocalServiceException e) when (e.Code == "ObjectNotFoundException")
        {
            // Already gone: deregistering it is done.
        }

        return Task.CompletedTask;
    }

    private ResourceOutcome Register(JsonObject properties)
    {
        if (properties["ScheduledActions"] is JsonArray { Count: > 0 })
        {
            throw new ResourceFailedException("The local region does not run scheduled scaling actions (ScheduledActions); see docs/autoscaling.md.");
        }

        var request = PropertyMapping.ToRequest(properties, ApplicationAutoScalingJsonContext.Default.RegisterScalableTargetRequest, camelCase: false, ("ScheduledActions", null));
        var target = scaling.Register(request);
        var id = ScalingTargetId.Format(target.ResourceId, target.ScalableDimension.Value, target.ServiceNamespace.Value);
        return new ResourceOutcome(id, new Dictionary<string, JsonNode?> { ["Id"] = id });
    }
}

/// <summary>
/// AWS::ApplicationAutoScaling::ScalingPolicy through PutScalingPolicy/DeleteScalingPolicy; the target comes from
/// ScalingTargetId or from ResourceId, ScalableDimension and ServiceNamespace. Ref and Arn: the policy ARN.
/// </summary>
internal sealed class ScalingPolicyHandler(ScalingService scaling) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(context, properties));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(context, properties));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        var request = Request(context, properties);
        try
        {
            scaling.DeletePolicy(new DeleteScalingPolicyRequest
            {
                PolicyName = request.PolicyName,
                ServiceNamespace = request.ServiceNamespace,
                ResourceId = request.ResourceId,
                ScalableDimension = request.ScalableDimension,
            });
        }
        catch (LocalServiceException e) when (e.Code == "ObjectNotFoundException")
        {
            // Deregistering the target deleted it already.
        }

        return Task.CompletedTask;
    }

    private ResourceOutcome Put(ResourceContext context, JsonObject properties)
    {
        var policy = scaling.PutPolicy(Request(context, properties));
        return new ResourceOutcome(policy.PolicyARN, new Dictionary<string, JsonNode?> { ["Arn"] = policy.PolicyARN });
    }

    private static PutScalingPolicyRequest Request(ResourceContext context, JsonObject properties)
    {
        (string ResourceId, string Dimension, string Namespace) target = PropertyMapping.Text(properties, "ScalingTargetId") is { } id
            ? ScalingTargetId.Parse(id)
            : (PropertyMapping.Text(properties, "ResourceId") ?? throw new ResourceFailedException("Either ScalingTargetId or ResourceId, ScalableDimension and ServiceNamespace must be specified."),
                PropertyMapping.Text(properties, "ScalableDimension") ?? "",
                PropertyMapping.Text(properties, "ServiceNamespace") ?? "");
        return PropertyMapping.ToRequest(properties, ApplicationAutoScalingJsonContext.Default.PutScalingPolicyRequest, camelCase: false,
            ("ScalingTargetId", (JsonNode?)null),
            ("PolicyName", PropertyMapping.Text(properties, "PolicyName") ?? context.GeneratedName(256)),
            ("ResourceId", target.ResourceId),
            ("ScalableDimension", target.Dimension),
            ("ServiceNamespace", target.Namespace));
    }
}

/// <summary>The scalable target's CloudFormation id: "RESOURCE_ID|DIMENSION|NAMESPACE".</summary>
internal static class ScalingTargetId
{
    public static string Format(string resourceId, string dimension, string serviceNamespace) => $"{resourceId}|{dimension}|{serviceNamespace}";

    public static (string ResourceId, string Dimension, string Namespace) Parse(string id)
    {
        var parts = id.Split('|');
        return parts.Length == 3
            ? (parts[0], parts[1], parts[2])
            : throw new ResourceFailedException($"ScalingTargetId {id} is not a scalable target's id (RESOURCE_ID|DIMENSION|NAMESPACE).");
    }
}
