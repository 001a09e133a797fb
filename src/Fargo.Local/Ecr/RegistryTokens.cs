using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fargo.Local.Home;

namespace Fargo.Local.Ecr;

/// <summary>How a Registry API request's credentials fared.</summary>
internal enum TokenVerdict
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>
/// The local ECR's authorization tokens: what GetAuthorizationToken hands out and the Registry API accepts, as
/// ECR does it — base64 of "AWS:PASSWORD", used as HTTP Basic credentials, valid for 12 hours. The password is the
/// expiry and an HMAC of it under a key derived from the local region's secret key, so the engine checks a token
/// without storing it, tokens survive an engine restart, and only a holder of the local credentials can get one.
/// </summary>
internal sealed class RegistryTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public RegistryTokens(LocalCredentials credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(credentials.SecretAccessKey), "fargo-local ecr registry token key"u8);
        _time = time;
    }

    /// <summary>A token (base64 of "AWS:PASSWORD") and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue()
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var password = expiry + "." + Convert.ToBase64String(Sign(expiry));
        return (Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password)), expiresAt);
    }

    /// <summary>Checks an Authorization header: Basic credentials of user AWS with a password this engine issued.</summary>
    public TokenVerdict Verify(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return TokenVerdict.Missing;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return TokenVerdict.Invalid;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || decoded[..colon] != "AWS")
        {
            return TokenVerdict.Invalid;
        }

        var password = decoded[(colon + 1)..];
        var dot = password.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(password[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return TokenVerdict.Invalid;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(password[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return TokenVerdict.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(password[..dot])))
        {
            return TokenVerdict.Invalid;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() < expiry ? TokenVerdict.Valid : TokenVerdict.Expired;
    }

    private byte[] Sign(string expiry) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("expires " + expiry));
}
