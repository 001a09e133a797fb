using System.Text.Json.Nodes;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::CertificateManager::Certificate: an ACM-shaped ARN for the domain, issued at once (no DNS validation runs
/// locally). HTTPS listeners serve the local region's development certificate whatever ARN they name
/// (docs/cloudformation.md says so). Ref: the ARN.
/// </summary>
internal sealed class CertificateHandler : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceOutcome(
            $"arn:aws:acm:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:certificate/{Guid.NewGuid()}",
            new Dictionary<string, JsonNode?>()));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceOutcome(physicalId, new Dictionary<string, JsonNode?>()));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken) => Task.CompletedTask;
}
