using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Sts;

/// <summary>AWS STS (Security Token Service): the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class StsClient(AwsQueryProtocolClient protocol)
{
    private readonly AwsQueryProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public StsClient(AwsHttpClient http)
        : this(new AwsQueryProtocolClient(http))
    {
    }

    public async Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.Sts, "GetCallerIdentity", AwsQuerySerializer.Serialize(request, StsJsonContext.Default.GetCallerIdentityRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, StsJsonContext.Default.GetCallerIdentityResponse);
    }
}
