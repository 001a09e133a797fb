using Amazon.Runtime;

namespace Fargo.Aws.Credentials;

/// <summary>
/// Credentials from an AWSSDK.Core credential source (a profile's static keys, SSO, an assumed role, a
/// credential process, web identity, container or instance metadata). The SDK caches and refreshes them;
/// failures become <see cref="AwsCredentialsException"/> with <paramref name="whatToDo"/> as guidance.
/// </summary>
/// <param name="source">The SDK's credentials.</param>
/// <param name="description">Where they come from, for messages ("profile 'dev' (SSO)").</param>
/// <param name="whatToDo">What the user should do when they cannot be had, e.g. "Run `aws sso login --profile dev`".</param>
/// <param name="profile">The profile, if any.</param>
/// <param name="failureSummary">
/// Says what a failure means, plainly, in place of the SDK's own message (which stays in the inner exception), e.g.
/// "The SSO session of profile 'dev' has expired or was never started."; returns null to show the SDK's message.
/// </param>
public sealed class SdkCredentialsProvider(
    Func<AWSCredentials> createSource, string description, string whatToDo, string? profile = null, Func<Exception, string?>? failureSummary = null)
    : IAwsCredentialsProvider
{
    // Created on first use: some SDK sources (instance metadata) may touch the network when created.
    private readonly Lazy<AWSCredentials> _source = new(createSource);

    public SdkCredentialsProvider(
        AWSCredentials source, string description, string whatToDo, string? profile = null, Func<Exception, string?>? failureSummary = null)
        : this(() => source, description, whatToDo, profile, failureSummary)
    {
    }

    public string Description { get; } = description;

    public string? RenewalHint => whatToDo;

    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        ImmutableCredentials credentials;
        try
        {
            credentials = await _source.Value.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever a credential source throws (SDK, STS, SSO, a process, the network) means "no credentials"; the cause stays inner.
        catch (Exception failure) when (failure is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var summary = failureSummary?.Invoke(failure) ?? $"Could not get AWS credentials from {Description}: {failure.Message}";
            throw new AwsCredentialsException($"{summary} {whatToDo}", profile, failure);
        }
        if (credentials is null || string.IsNullOrEmpty(credentials.AccessKey) || string.IsNullOrEmpty(credentials.SecretKey))
        {
            throw new AwsCredentialsException($"{Description} gave no AWS credentials. {whatToDo}", profile);
        }
        DateTimeOffset? expiration = _source.Value is RefreshingAWSCredentials refreshing && refreshing.Expiration is { } expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc))
            : null;
        return new AwsCredentials(credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null, expiration);
    }
}
