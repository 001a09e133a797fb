using System.Security.Cryptography;

namespace Fargo.Local.S3;

/// <summary>
/// The checksums S3 takes with an object (x-amz-checksum-crc32, -crc32c, -crc64nvme, -sha1, -sha256): each is the
/// base64 of the big-endian digest. The CRCs are the reflected ones S3 and the SDKs use (CRC-32/ISO-HDLC,
/// CRC-32C/Castagnoli, CRC-64/NVME).
/// </summary>
internal static class S3Checksums
{
    public static readonly IReadOnlyList<string> Algorithms = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"];

    /// <summary>The header that carries an algorithm's value, e.g. x-amz-checksum-crc32.</summary>
    public static string HeaderOf(string algorithm) => "x-amz-checksum-" + algorithm.ToLowerInvariant();

    /// <summary>The algorithm a header names, or null when it is not one of S3's checksum headers.</summary>
    public static string? AlgorithmOfHeader(string header) =>
        Algorithms.FirstOrDefault(a => string.Equals(HeaderOf(a), header.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string? Normalize(string? algorithm) =>
        algorithm is null ? null : Algorithms.FirstOrDefault(a => string.Equals(a, algorithm, StringComparison.OrdinalIgnoreCase));

    public static IChecksum Create(string algorithm) => algorithm switch
    {
        "CRC32" => new Crc(32, 0xEDB88320UL),
        "CRC32C" => new Crc(32, 0x82F63B78UL),
        "CRC64NVME" => new Crc(64, 0x9A6C9329AC4BC9B5UL),
        "SHA1" => new Hash(IncrementalHash.CreateHash(HashAlgorithmName.SHA1)),
        "SHA256" => new Hash(IncrementalHash.CreateHash(HashAlgorithmName.SHA256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an S3 checksum algorithm"),
    };

    /// <summary>The checksum of a whole buffer, base64 as S3 writes it.</summary>
    public static string Of(string algorithm, ReadOnlySpan<byte> data)
    {
        var checksum = Create(algorithm);
        checksum.Append(data);
        return Convert.ToBase64String(checksum.Digest());
    }

    /// <summary>MD5, which S3's ETags and Content-MD5 are made of (an integrity check of the protocol, not security).</summary>
    public static byte[] Md5(ReadOnlySpan<byte> data)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(data);
        return md5.GetHashAndReset();
    }

    internal interface IChecksum
    {
        void Append(ReadOnlySpan<byte> data);

        byte[] Digest();
    }

    private sealed class Hash(IncrementalHash hash) : IChecksum
    {
        public void Append(ReadOnlySpan<byte> data) => hash.AppendData(data);

        public byte[] Digest()
        {
            var digest = hash.GetHashAndReset();
            hash.Dispose();
            return digest;
        }
    }

    /// <summary>A reflected CRC of 32 or 64 bits, table-driven: initial value and final xor all ones.</summary>
    private sealed class Crc : IChecksum
    {
        private readonly int _width;
        private readonly ulong[] _table = new ulong[256];
        private readonly ulong _mask;
        private ulong _value;

        public Crc(int width, ulong polynomial)
        {
            _width = width;
            _mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
            for (var i = 0; i < 256; i++)
            {
                var entry = (ulong)i;
                for (var bit = 0; bit < 8; bit++)
                {
                    entry = (entry & 1) != 0 ? (entry >> 1) ^ polynomial : entry >> 1;
                }

                _table[i] = entry;
            }

            _value = _mask;
        }

        public void Append(ReadOnlySpan<byte> data)
        {
            var value = _value;
            foreach (var b in data)
            {
                value = _table[(value ^ b) & 0xFF] ^ (value >> 8);
            }

            _value = value;
        }

        public byte[] Digest()
        {
            var result = (_value ^ _mask) & _mask;
            var bytes = new byte[_width / 8];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[bytes.Length - 1 - i] = (byte)(result >> (8 * i));
            }

            return bytes;
        }
    }
}
