using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fargo.Local.Home;

/// <summary>
/// The access key pair the local region accepts. Generated at first start, stored 0600 in FARGO_HOME.
/// ToString never shows the secret, so the pair can't leak through logging by accident.
/// </summary>
public sealed record LocalCredentials(
    [property: JsonPropertyName("accessKeyId")] string AccessKeyId,
    [property: JsonPropertyName("secretAccessKey")] string SecretAccessKey)
{
    private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public override string ToString() => $"LocalCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";

    /// <summary>A fresh pair shaped like AWS's: a 20-character key id and a 40-character secret.</summary>
    public static LocalCredentials Generate() =>
        new("AKIA" + RandomNumberGenerator.GetString(KeyIdAlphabet, 16), RandomNumberGenerator.GetString(SecretAlphabet, 40));

    /// <summary>Reads the pair from FARGO_HOME, creating it first if this is the first start.</summary>
    public static LocalCredentials LoadOrCreate(FargoHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        home.EnsureCreated();
        var existing = TryLoad(home);
        if (existing is not null)
        {
            return existing;
        }

        var created = Generate();
        FargoHome.WritePrivateFile(home.CredentialsFile, JsonSerializer.SerializeToUtf8Bytes(created, HomeJsonContext.Default.LocalCredentials));
        return created;
    }

    /// <summary>The stored pair, or null when the engine has never started in this FARGO_HOME.</summary>
    public static LocalCredentials? TryLoad(FargoHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        if (!File.Exists(home.CredentialsFile))
        {
            return null;
        }

        var loaded = JsonSerializer.Deserialize(File.ReadAllBytes(home.CredentialsFile), HomeJsonContext.Default.LocalCredentials);
        if (loaded is null || string.IsNullOrEmpty(loaded.AccessKeyId) || string.IsNullOrEmpty(loaded.SecretAccessKey))
        {
            throw new InvalidDataException($"{home.CredentialsFile} is damaged: delete it and start the local region again to get new credentials.");
        }

        return loaded;
    }
}
