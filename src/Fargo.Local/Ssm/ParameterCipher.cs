using System.Security.Cryptography;
using System.Text;
using Fargo.Local.Home;

namespace Fargo.Local.Ssm;

/// <summary>
/// Encrypts SecureString values at rest with AES-256-GCM under a key kept in FARGO_HOME (mode 0600).
/// Stored form: base64(nonce[12] | tag[16] | ciphertext). The parameter name is bound in as associated
/// data, so a value copied onto another parameter's row does not decrypt.
/// </summary>
internal sealed class ParameterCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    private ParameterCipher(byte[] key) => _key = key;

    public static ParameterCipher LoadOrCreate(FargoHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        if (File.Exists(home.ParameterKeyFile))
        {
            var existing = File.ReadAllBytes(home.ParameterKeyFile);
            return existing.Length == 32
                ? new ParameterCipher(existing)
                : throw new InvalidDataException($"{home.ParameterKeyFile} is damaged (expected a 32-byte key); SecureString parameters can't be read without it.");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        FargoHome.WritePrivateFile(home.ParameterKeyFile, key);
        return new ParameterCipher(key);
    }

    public string Encrypt(string parameterName, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(parameterName));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string parameterName, string stored)
    {
        var input = Convert.FromBase64String(stored);
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("stored SecureString value is too short");
        }

        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(parameterName));
        return Encoding.UTF8.GetString(plain);
    }
}
