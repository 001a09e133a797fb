using System.Runtime.CompilerServices;

namespace Fargo.Aws.Shapes;

/// <summary>
/// Follows an operation's continuation token page after page. Stops when the service returns no token, or
/// returns the very token it was sent: CloudWatch Logs' GetLogEvents marks the end of a stream that way
/// (nextForwardToken), and for any other service it would otherwise loop forever.
/// </summary>
internal static class AwsPagination
{
    public static async IAsyncEnumerable<TResponse> PagesAsync<TRequest, TResponse>(
        TRequest firstRequest,
        Func<TRequest, CancellationToken, Task<TResponse>> call,
        Func<TRequest, string?> tokenSent,
        Func<TRequest, string, TRequest> withToken,
        Func<TResponse, string?> tokenReceived,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = firstRequest;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await call(request, cancellationToken).ConfigureAwait(false);
            yield return page;

            var next = tokenReceived(page);
            if (string.IsNullOrEmpty(next) || string.Equals(next, tokenSent(request), StringComparison.Ordinal))
            {
                yield break;
            }
            request = withToken(request, next);
        }
    }
}
