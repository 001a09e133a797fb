namespace Fargo.Infrastructure.Pipelines;

/// <summary>
/// GitHub Actions' OpenID Connect issuer as the deploy access stacks trust it: the issuer's host (the IAM provider's URL
/// and the prefix of its condition keys, e.g. <c>token.actions.githubusercontent.com:sub</c>), the audience the AWS
/// credentials action asks for, and the subject a job of a GitHub environment gets.
/// </summary>
public static class GitHubOidc
{
    public const string Host = "token.actions.githubusercontent.com";
    public const string Issuer = "https://" + Host;
    public const string StsAudience = "sts.amazonaws.com";

    /// <summary>The <c>sub</c> claim of a job that runs in <paramref name="environment"/> of <paramref name="repository"/> (OWNER/NAME).</summary>
    public static string EnvironmentSubject(string repository, string environment) => $"repo:{repository}:environment:{environment}";
}
