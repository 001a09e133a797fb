using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Iam;

/// <summary>
/// AWS IAM: the operations Fargo uses, one method each, and paginators where AWS paginates. IAM is global: its public
/// endpoint is one per partition and signed for the partition's home region (<see cref="AwsServices.Iam"/>).
/// </summary>
public sealed class IamClient(AwsQueryProtocolClient protocol)
{
    private readonly AwsQueryProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public IamClient(AwsHttpClient http)
        : this(new AwsQueryProtocolClient(http))
    {
    }

    public async Task<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.Iam, "SimulatePrincipalPolicy", AwsQuerySerializer.Serialize(request, IamJsonContext.Default.SimulatePrincipalPolicyRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, IamJsonContext.Default.SimulatePrincipalPolicyResponse);
    }

    /// <summary>SimulatePrincipalPolicy page by page, following Marker while IsTruncated.</summary>
    public IAsyncEnumerable<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyPagesAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, SimulatePrincipalPolicyAsync, static r => r.Marker, static (r, marker) => r with { Marker = marker },
            static page => page.IsTruncated == true ? page.Marker : null, cancellationToken);
}
