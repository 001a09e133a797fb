namespace Fargo.Local.Iam;

/// <summary>How directly a resource policy's Principal names the caller.</summary>
internal enum PrincipalMatch
{
    None,
    /// <summary>The caller's account (its ID or its <c>:root</c> ARN): the account's identity policies decide.</summary>
    Account,
    /// <summary>The role an assumed-role session belongs to: the grant is still capped by the role's permissions boundary.</summary>
    SessionRole,
    /// <summary>The caller itself (its session or user ARN) or everyone (<c>"*"</c>): not capped by a permissions boundary.</summary>
    Direct,
}

/// <summary>The caller's ARN taken apart: its account, and for an assumed-role session the role it belongs to.</summary>
internal sealed record CallerIdentity(string Arn, string Account, string? SessionRoleName)
{
    public static CallerIdentity Of(string arn)
    {
        var parts = arn.Split(':', 6);
        var account = parts.Length == 6 ? parts[4] : "";
        string? roleName = null;
        if (parts.Length == 6 && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            roleName = parts[5].Split('/')[1];
        }

        return new CallerIdentity(arn, account, roleName);
    }

    /// <summary>How directly <paramref name="principals"/> names this caller.</summary>
    public PrincipalMatch MatchIn(PrincipalSet principals)
    {
        if (principals.Everyone || principals.Aws.Contains(Arn, StringComparer.Ordinal)
            || principals.Services.Contains(Arn, StringComparer.Ordinal) || principals.Federated.Contains(Arn, StringComparer.Ordinal))
        {
            return PrincipalMatch.Direct;
        }

        if (SessionRoleName is not null && principals.Aws.Any(NamesSessionRole))
        {
            return PrincipalMatch.SessionRole;
        }

        return principals.Aws.Any(p => p == Account || p == $"arn:aws:iam::{Account}:root" || (p.StartsWith("arn:", StringComparison.Ordinal) && p.EndsWith($"::{Account}:root", StringComparison.Ordinal)))
            ? PrincipalMatch.Account
            : PrincipalMatch.None;
    }

    // Role names are case-insensitive in IAM; the role ARN's path is not part of the session ARN.
    private bool NamesSessionRole(string principal)
    {
        var parts = principal.Split(':', 6);
        return parts.Length == 6 && parts[2] == "iam" && parts[4] == Account && parts[5].StartsWith("role/", StringComparison.Ordinal)
            && parts[5].Split('/')[^1].Equals(SessionRoleName, StringComparison.OrdinalIgnoreCase);
    }
}
