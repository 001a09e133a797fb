using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.CertificateManager;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::CertificateManager::Certificate through the local ACM's RequestCertificate: issued at once by the local
/// certificate authority for DomainName and SubjectAlternativeNames (no DNS validation can run on one machine), and
/// served by the HTTPS listeners that name it. Deletion fails while a listener uses it, as ACM's does. Ref: the ARN.
/// </summary>
internal sealed class CertificateHandler(CertificateStore certificates, ICertificateUsers users) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        try
        {
            var record = certificates.Request(
                PropertyMapping.Text(properties, "DomainName"),
                (properties["SubjectAlternativeNames"] as JsonArray)?.Select(Template.TemplateEvaluator.Text).OfType<string>().ToList(),
                PropertyMapping.Text(properties, "ValidationMethod"),
                PropertyMapping.Text(properties, "KeyAlgorithm"),
                null,
                (PropertyMapping.KeyValueTags(properties) ?? []));
            return Task.FromResult(new ResourceOutcome(record.Arn, new Dictionary<string, JsonNode?> { ["Id"] = record.Arn }));
        }
        catch (LocalServiceException e)
        {
            throw new ResourceFailedException(e.Message);
        }
    }

    /// <summary>What changes in place: the tags (every other property replaces the certificate, per its registry schema).</summary>
    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var wanted = PropertyMapping.KeyValueTags(properties) ?? [];
        var current = certificates.Describe(physicalId).Tags;
        certificates.RemoveTags(physicalId, current.Where(t => !wanted.Contains(t)).ToList());
        certificates.AddTags(physicalId, wanted);
        return Task.FromResult(new ResourceOutcome(physicalId, new Dictionary<string, JsonNode?> { ["Id"] = physicalId }));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            certificates.Delete(physicalId, users.LoadBalancersUsing(physicalId));
        }
        catch (LocalServiceException e) when (e.Code is "ResourceNotFoundException" or "InvalidArnException")
        {
            // Already gone, or recorded by a local region from before its ACM: nothing is left to delete.
        }
        catch (LocalServiceException e)
        {
            throw new ResourceFailedException(e.Message);
        }

        return Task.CompletedTask;
    }
}
