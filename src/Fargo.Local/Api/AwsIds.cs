using System.Security.Cryptography;

namespace Fargo.Local.Api;

/// <summary>Random parts of AWS-shaped identifiers (CloudFront's E…, IAM's AROA…): upper-case letters and digits.</summary>
internal static class AwsIds
{
    public static string Suffix(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }
}
