using System.Text;

namespace Fargo.Local.S3;

/// <summary>S3's naming rules for buckets and keys.</summary>
internal static class S3Names
{
    /// <summary>3 to 63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, not an IP address.</summary>
    public static void ValidateBucket(string name)
    {
        var valid = name.Length is >= 3 and <= 63
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
            && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            && !name.Contains("..", StringComparison.Ordinal)
            && !System.Net.IPAddress.TryParse(name, out _);
        if (!valid)
        {
            throw new S3Exception("InvalidBucketName", "The specified bucket is not valid.", 400, ("BucketName", name));
        }
    }

    /// <summary>A key is 1 to 1024 bytes of UTF-8.</summary>
    public static void ValidateKey(string key)
    {
        if (key.Length == 0 || Encoding.UTF8.GetByteCount(key) > 1024)
        {
            throw new S3Exception("KeyTooLongError", "Your key is too long", 400, ("Key", key));
        }
    }

    public static bool IsValidVersionId(string versionId) =>
        versionId == S3Store.NullVersion || versionId.Length == 32;
}
