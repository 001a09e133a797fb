using System.Text;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Aws;

namespace Fargo.Deploy.Images.Pushing;

/// <summary>
/// A registry login: the registry host and Docker's "auth" value (base64 of user:password). It is written only into a
/// <see cref="TemporaryDockerConfig"/>; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class RegistryLogin(string registry, string auth)
{
    public string Registry { get; } = registry;

    /// <summary>base64(user:password), as Docker's config.json "auths" hold it. Secret.</summary>
    public string Auth { get; } = auth;

    public override string ToString() => $"RegistryLogin {{ Registry = {Registry}, Auth = *** }}";
}

/// <summary>ECR's login: GetAuthorizationToken, whose token is already base64("AWS:password"), valid for 12 hours.</summary>
public static class EcrLogin
{
    public static async Task<RegistryLogin> GetAsync(IEcrApi ecr, string registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecr);
        var response = await ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest(), cancellationToken);
        var token = response.AuthorizationData?.FirstOrDefault(d => !string.IsNullOrEmpty(d.AuthorizationToken))?.AuthorizationToken;
        if (token is null || !IsUserAndPassword(token))
        {
            throw new DeployException("ECR's GetAuthorizationToken answered without a usable token (expected base64 of AWS:password).");
        }

        return new RegistryLogin(registry, token);
    }

    private static bool IsUserAndPassword(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var length)
            && Encoding.UTF8.GetString(bytes, 0, length) is var text
            && text.IndexOf(':', StringComparison.Ordinal) > 0;
    }
}
