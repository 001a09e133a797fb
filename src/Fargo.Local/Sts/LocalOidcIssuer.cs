using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Local.Home;

namespace Fargo.Local.Sts;

/// <summary>
/// The local region's OpenID Connect issuer: an RS256 key kept in FARGO_HOME (0600) that signs identity tokens standing in
/// for an identity provider's (GitHub Actions' by default), and the same key's JWKS, which AssumeRoleWithWebIdentity checks
/// tokens against. The local region cannot fetch a real provider's keys (no internet, and its tokens are not for it), so
/// every provider of the local account is verified with this key: a token it signed whose <c>iss</c> is a provider's URL
/// stands for that provider's token (docs/iam.md).
/// </summary>
public sealed class LocalOidcIssuer : IDisposable
{
    /// <summary>Where the engine serves the issuer's discovery document and keys, under its endpoint.</summary>
    public const string PathPrefix = "/_fargo/oidc";
    public const string DiscoveryPath = PathPrefix + "/.well-known/openid-configuration";
    public const string KeysPath = PathPrefix + "/jwks";

    private readonly RSA _key;

    private LocalOidcIssuer(RSA key)
    {
        _key = key;
        KeyId = Base64Url(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>The key's id (<c>kid</c>): derived from the public key, so it changes only with the key.</summary>
    public string KeyId { get; }

    public void Dispose() => _key.Dispose();

    /// <summary>
    /// The issuer's key from FARGO_HOME, made on first use by whoever comes first: the engine when it starts, or `fargo
    /// local oidc-token`. When two make one at once, the first written is the one both keep.
    /// </summary>
    public static LocalOidcIssuer LoadOrCreate(FargoHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var key = RSA.Create();
        if (!File.Exists(home.OidcSigningKeyFile))
        {
            key.KeySize = 2048;
            home.EnsureCreated();
            if (FargoHome.WritePrivateFile(home.OidcSigningKeyFile, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()), overwrite: false))
            {
                return new LocalOidcIssuer(key);
            }
        }

        key.ImportFromPem(File.ReadAllText(home.OidcSigningKeyFile));
        return new LocalOidcIssuer(key);
    }

    /// <summary>
    /// A signed ID token (a compact JWT) from <paramref name="issuer"/> for <paramref name="subject"/> and
    /// <paramref name="audience"/>, valid from <paramref name="now"/> for <paramref name="lifetime"/>.
    /// </summary>
    public string Issue(string issuer, string subject, string audience, DateTimeOffset now, TimeSpan lifetime)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var payload = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = audience,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>The claims of a token this issuer signed, or null when it is not a well-formed RS256 JWT with this key's valid signature.</summary>
    public IdentityTokenClaims? Verify(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            if (header?["alg"]?.GetValue<string>() != "RS256" || (header["kid"]?.GetValue<string>() is { } kid && kid != KeyId))
            {
                return null;
            }

            if (!_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return null;
            }

            return JsonNode.Parse(FromBase64Url(parts[1])) is JsonObject payload ? IdentityTokenClaims.From(payload) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The JSON Web Key Set of the issuer: its one RSA signing key.</summary>
    public string KeySet()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    /// <summary>The OpenID discovery document, naming the issuer at <paramref name="endpoint"/> and its keys.</summary>
    public static string DiscoveryDocument(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var root = endpoint.ToString().TrimEnd('/');
        return new JsonObject
        {
            ["issuer"] = root + PathPrefix,
            ["jwks_uri"] = root + KeysPath,
            ["response_types_supported"] = new JsonArray("id_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["claims_supported"] = new JsonArray("sub", "aud", "exp", "iat", "iss", "jti", "nbf"),
        }.ToJsonString();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}

/// <summary>The claims of an identity token AssumeRoleWithWebIdentity reads: issuer, subject, audiences, validity.</summary>
public sealed record IdentityTokenClaims(string? Issuer, string? Subject, IReadOnlyList<string> Audiences, DateTimeOffset? Expires, DateTimeOffset? NotBefore)
{
    internal static IdentityTokenClaims From(JsonObject payload)
    {
        var audience = payload["aud"] switch
        {
            JsonArray many => many.Select(a => a?.GetValue<string>()).OfType<string>().ToList(),
            JsonValue one when one.TryGetValue<string>(out var single) => [single],
            _ => [],
        };
        return new IdentityTokenClaims(
            Text(payload, "iss"), Text(payload, "sub"), audience, Seconds(payload, "exp"), Seconds(payload, "nbf"));
    }

    private static string? Text(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Seconds(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
