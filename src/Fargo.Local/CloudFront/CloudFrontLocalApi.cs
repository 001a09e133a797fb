using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Local.Api;
using Fargo.Local.Database;

namespace Fargo.Local.CloudFront;

/// <summary>FargoLocal.DescribeDistributions on the wire, beside Fargo's other own operations.</summary>
internal static class CloudFrontLocalApi
{
    public static JsonOperationTable AddTo(JsonOperationTable table, DistributionStore distributions)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(distributions);
        var json = CloudFrontLocalJsonContext.Default;
        return table.Add("DescribeDistributions", json.DescribeDistributionsRequest, json.DescribeDistributionsResponse, request => new DescribeDistributionsResponse
        {
            Distributions = [.. distributions.List()
                .Where(d => request.Ids is null || request.Ids.Contains(d.Id, StringComparer.Ordinal))
                .Select(d => new DistributionDescription
                {
                    Id = d.Id,
                    Arn = d.Arn,
                    DomainName = d.DomainName,
                    OriginBucket = d.OriginBucket,
                    DefaultRootObject = d.DefaultRootObject,
                    Enabled = d.Enabled,
                    LocalUrl = DistributionEdge.LocalUrl(d),
                })],
        });
    }
}

/// <summary>The client of FargoLocal.DescribeDistributions (for `fargo status` and the tests).</summary>
public sealed class LocalDistributionsClient(AwsHttpClient http)
{
    private readonly AwsJsonProtocolClient _protocol = new(http);

    public Task<DescribeDistributionsResponse> DescribeDistributionsAsync(DescribeDistributionsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(FargoLocalService.Description, "DescribeDistributions", request, CloudFrontLocalJsonContext.Default.DescribeDistributionsRequest, CloudFrontLocalJsonContext.Default.DescribeDistributionsResponse, cancellationToken);
}
