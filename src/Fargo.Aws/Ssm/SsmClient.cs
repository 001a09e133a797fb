using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ssm;

/// <summary>AWS Systems Manager Parameter Store: the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class SsmClient(AwsJsonProtocolClient protocol)
{
    private readonly AwsJsonProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public SsmClient(AwsHttpClient http)
        : this(new AwsJsonProtocolClient(http))
    {
    }

    public Task<PutParameterResponse> PutParameterAsync(PutParameterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ssm, "PutParameter", request, SsmJsonContext.Default.PutParameterRequest, SsmJsonContext.Default.PutParameterResponse, cancellationToken);

    public Task<GetParameterResponse> GetParameterAsync(GetParameterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ssm, "GetParameter", request, SsmJsonContext.Default.GetParameterRequest, SsmJsonContext.Default.GetParameterResponse, cancellationToken);

    public Task<GetParametersResponse> GetParametersAsync(GetParametersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ssm, "GetParameters", request, SsmJsonContext.Default.GetParametersRequest, SsmJsonContext.Default.GetParametersResponse, cancellationToken);

    public Task<GetParametersByPathResponse> GetParametersByPathAsync(GetParametersByPathRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ssm, "GetParametersByPath", request, SsmJsonContext.Default.GetParametersByPathRequest, SsmJsonContext.Default.GetParametersByPathResponse, cancellationToken);

    /// <summary>GetParametersByPath page by page, following NextToken.</summary>
    public IAsyncEnumerable<GetParametersByPathResponse> GetParametersByPathPagesAsync(GetParametersByPathRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, GetParametersByPathAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<DeleteParameterResponse> DeleteParameterAsync(DeleteParameterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ssm, "DeleteParameter", request, SsmJsonContext.Default.DeleteParameterRequest, SsmJsonContext.Default.DeleteParameterResponse, cancellationToken);

    public Task<DescribeParametersResponse> DescribeParametersAsync(DescribeParametersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ssm, "DescribeParameters", request, SsmJsonContext.Default.DescribeParametersRequest, SsmJsonContext.Default.DescribeParametersResponse, cancellationToken);

    /// <summary>DescribeParameters page by page, following NextToken.</summary>
    public IAsyncEnumerable<DescribeParametersResponse> DescribeParametersPagesAsync(DescribeParametersRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeParametersAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);
}
