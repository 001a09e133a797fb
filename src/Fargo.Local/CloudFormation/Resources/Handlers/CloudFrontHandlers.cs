using System.Text.Json.Nodes;
using Fargo.Local.CloudFront;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::CloudFront::Distribution, served for real: the S3 bucket its default cache behavior's origin names, on a
/// loopback address of its own (CloudFront/DistributionEdge). Only S3 origins (BUCKET.s3[.REGION].amazonaws.com);
/// any other fails the resource with the reason. Ref and Id: the distribution's id (E…); DomainName stays AWS-shaped
/// (dXXXX.cloudfront.net) so that templates, outputs and REPORTS_URL read as on AWS. Caching, behaviors other than
/// the default, viewer certificates, aliases and logging are not acted on.
/// </summary>
internal sealed class DistributionHandler(DistributionEdge edge, string account) : IResourceHandler
{
    public async Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var config = Config(properties);
        var distribution = await edge.CreateAsync(account, OriginBucket(config), DefaultRootObject(config), Enabled(config), cancellationToken).ConfigureAwait(false);
        return Outcome(distribution);
    }

    public async Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var config = Config(properties);
        var distribution = await edge.UpdateAsync(physicalId, OriginBucket(config), DefaultRootObject(config), Enabled(config), cancellationToken).ConfigureAwait(false);
        return Outcome(distribution);
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken) =>
        edge.DeleteAsync(physicalId);

    private static ResourceOutcome Outcome(DistributionRecord distribution) => new(
        distribution.Id,
        new Dictionary<string, JsonNode?> { ["Id"] = distribution.Id, ["DomainName"] = distribution.DomainName },
        $"served at {DistributionEdge.LocalUrl(distribution)}");

    private static JsonObject Config(JsonObject properties) =>
        properties["DistributionConfig"] as JsonObject ?? throw new ResourceFailedException("Property DistributionConfig cannot be empty.");

    private static string? DefaultRootObject(JsonObject config) => PropertyMapping.Text(config, "DefaultRootObject") is { Length: > 0 } root ? root : null;

    private static bool Enabled(JsonObject config) => PropertyMapping.Bool(config, "Enabled") ?? true;

    /// <summary>The bucket of the origin the default cache behavior targets.</summary>
    private static string OriginBucket(JsonObject config)
    {
        var origins = (config["Origins"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var target = PropertyMapping.Text(config["DefaultCacheBehavior"] as JsonObject ?? [], "TargetOriginId");
        var origin = origins.FirstOrDefault(o => PropertyMapping.Text(o, "Id") == target) ?? origins.FirstOrDefault()
            ?? throw new ResourceFailedException("The distribution has no origin.");
        var domain = PropertyMapping.Text(origin, "DomainName") ?? "";
        var s3 = domain.IndexOf(".s3.", StringComparison.Ordinal);
        if (s3 <= 0 || !domain.EndsWith(".amazonaws.com", StringComparison.Ordinal))
        {
            throw new ResourceFailedException(
                $"The local region serves CloudFront distributions from S3 bucket origins only; origin {PropertyMapping.Text(origin, "Id")} is {domain}.");
        }

        return domain[..s3];
    }
}
