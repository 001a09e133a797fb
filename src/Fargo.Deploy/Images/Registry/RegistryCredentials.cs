using System.Net.Http.Headers;
using System.Text;

namespace Fargo.Deploy.Images.Registry;

/// <summary>
/// HTTP Basic credentials for a registry, from an ECR authorization token (base64 of "AWS:PASSWORD", which is
/// already the Basic scheme's parameter). The token is a secret: <see cref="ToString"/> never shows it, and it only
/// ever leaves the process in the Authorization header of requests to the registry it was issued for.
/// </summary>
public sealed class RegistryCredentials
{
    private readonly string _token;

    private RegistryCredentials(string user, string token)
    {
        User = user;
        _token = token;
    }

    /// <summary>The user name inside the token ("AWS" for ECR).</summary>
    public string User { get; }

    /// <summary>Reads an ECR authorization token; refuses one that is not base64 of "USER:PASSWORD".</summary>
    public static RegistryCredentials FromEcrToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token.Trim()));
        }
        catch (FormatException e)
        {
            throw new DeployException("ECR returned an authorization token that is not base64; it cannot be used as registry credentials.", null, e);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            throw new DeployException("ECR returned an authorization token that is not of the form USER:PASSWORD; it cannot be used as registry credentials.");
        }

        return new RegistryCredentials(decoded[..colon], token.Trim());
    }

    internal AuthenticationHeaderValue Header() => new("Basic", _token);

    public override string ToString() => $"RegistryCredentials {{ User = {User}, Password = *** }}";
}
