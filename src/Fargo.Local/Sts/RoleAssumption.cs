using System.Text.RegularExpressions;
using Fargo.Aws.Protocols;
using Fargo.Local.Api;
using Fargo.Local.Iam;

namespace Fargo.Local.Sts;

/// <summary>
/// STS AssumeRole and AssumeRoleWithWebIdentity: the caller is checked against the role's trust policy (and, for a role
/// session, its own policies) with the same evaluator as every request, and gets temporary credentials of a session of
/// the role, whose requests the role's policies then authorize.
/// </summary>
/// <remarks>
/// As on AWS within one account: the trust policy must allow the action itself; when it names the caller (or its
/// session's role) that is enough, when it names only the account the caller's own policies must allow it too; a Deny
/// in either denies. The local region's own credentials stand for the account's root, which may do anything its
/// account's trust policies let the account do (AWS refuses AssumeRole to a real root user; locally those credentials
/// are what `fargo` and the AWS CLI profile hold, so they may assume what an administrator of the account may).
/// </remarks>
internal sealed partial class RoleAssumption(IamStore iam, RoleSessions sessions, LocalOidcIssuer issuer, TimeProvider time)
{
    /// <summary>A session made from another role's session may last an hour at most (role chaining).</summary>
    private const int RoleChainingLimitSeconds = 3600;
    private const int MinimumDurationSeconds = 900;
    private const int DefaultDurationSeconds = 3600;

    private static readonly string RootArn = $"arn:{LocalRegionConstants.Partition}:iam::{LocalRegionConstants.Account}:root";

    public AssumeRoleResult AssumeRole(string? callerAccessKeyId, AwsQueryParameters parameters)
    {
        var (roleArn, sessionName, duration) = Validate(parameters);
        var callerRoleArn = callerAccessKeyId is null ? null : sessions.RoleArnOf(callerAccessKeyId);
        var callerArn = callerAccessKeyId is not null && sessions.Caller(callerAccessKeyId) is { } session ? session.Arn : RootArn;
        var role = iam.RoleByArn(roleArn);
        var context = (callerRoleArn is null ? RequestAuthorizer.Context(RootArn, [], "Account") : RequestAuthorizer.Context(callerRoleArn, []))
            .With("sts:RoleSessionName", sessionName);
        if (parameters.Get("ExternalId") is { } externalId)
        {
            context.With("sts:ExternalId", externalId);
        }

        var request = new AuthorizationRequest(callerArn, "sts:AssumeRole", roleArn, context);
        if (role is null || !MayAssume(role, callerRoleArn, request))
        {
            // AWS says no more than this, whether the role is missing or its trust policy or the caller's policies refuse.
            throw new LocalServiceException("AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);
        }

        if (callerRoleArn is not null && duration > RoleChainingLimitSeconds)
        {
            throw Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        var issued = Issue(role, sessionName, duration);
        return new AssumeRoleResult(issued.Credentials, issued.User, 0);
    }

    public AssumeRoleWithWebIdentityResult AssumeRoleWithWebIdentity(AwsQueryParameters parameters)
    {
        var (roleArn, sessionName, duration) = Validate(parameters);
        var token = Required(parameters, "WebIdentityToken");
        var claims = issuer.Verify(token) ?? throw InvalidIdentityToken("The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.");
        var now = time.GetUtcNow();
        if (claims.NotBefore > now)
        {
            throw InvalidIdentityToken("The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.");
        }

        if (claims.Expires is not { } expires || expires <= now)
        {
            throw new LocalServiceException("ExpiredTokenException", "Token expired: current date/time " + now.ToUnixTimeSeconds() + " must be before the expiration date/time" + (claims.Expires?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        var provider = claims.Issuer is { } tokenIssuer ? iam.OidcProviderForIssuer(tokenIssuer) : null;
        if (provider is null)
        {
            throw InvalidIdentityToken($"No OpenIDConnect provider found in your account for {claims.Issuer}");
        }

        var audience = claims.Audiences.FirstOrDefault(a => provider.ClientIds.Contains(a, StringComparer.Ordinal))
            ?? throw InvalidIdentityToken("Incorrect token audience");

        var context = new RequestContext()
            .With("aws:FederatedProvider", provider.Arn)
            .With("aws:PrincipalAccount", LocalRegionConstants.Account)
            .With("aws:PrincipalType", "WebIdentityUser")
            .With("aws:RequestedRegion", LocalRegionConstants.Region)
            .With("aws:SecureTransport", "true")
            .With("sts:RoleSessionName", sessionName)
            .With($"{provider.Url}:aud", audience)
            .With($"{provider.Url}:sub", claims.Subject ?? "");
        var request = new AuthorizationRequest(provider.Arn, "sts:AssumeRoleWithWebIdentity", roleArn, context);
        var role = iam.RoleByArn(roleArn);
        // A web identity has no policies of its own: the trust policy alone lets it in.
        if (role is null || PolicyEvaluator.ResourcePolicyGrant(Trust(role), request) == PrincipalMatch.None)
        {
            throw new LocalServiceException("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403);
        }

        var issued = Issue(role, sessionName, duration);
        return new AssumeRoleWithWebIdentityResult(issued.Credentials, claims.Subject ?? "", issued.User, 0, claims.Issuer!, audience);
    }

    private bool MayAssume(RoleRecord role, string? callerRoleArn, AuthorizationRequest request)
    {
        var trust = Trust(role);
        if (PolicyEvaluator.ResourcePolicyGrant(trust, request) == PrincipalMatch.None)
        {
            return false;
        }

        if (callerRoleArn is null)
        {
            // The account's root: its own permissions are all of them, so the trust policy decides.
            return true;
        }

        var callerRole = iam.RoleByArn(callerRoleArn);
        var policies = callerRole is null ? new PolicySet([], null, trust) : iam.PoliciesOf(callerRole, trust);
        return PolicyEvaluator.Evaluate(policies, request).IsAllowed;
    }

    private (CredentialsShape Credentials, AssumedRoleUserShape User) Issue(RoleRecord role, string sessionName, int duration)
    {
        if (duration > role.MaxSessionDuration)
        {
            throw Validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var session = sessions.Issue(role.Arn, sessionName, TimeSpan.FromSeconds(duration));
        var user = AssumedRole.Of(role.Arn, sessionName);
        return (new CredentialsShape(session.AccessKeyId, session.SecretAccessKey, session.SessionToken, session.Expiration), new AssumedRoleUserShape(user.UserId, user.Arn));
    }

    private static NamedPolicy Trust(RoleRecord role) =>
        new($"trust policy of {role.Name}", PolicyDocument.Parse(role.AssumeRolePolicyDocument));

    private static (string RoleArn, string SessionName, int Duration) Validate(AwsQueryParameters parameters)
    {
        var roleArn = Required(parameters, "RoleArn");
        if (roleArn.Length < 20)
        {
            throw Validation($"1 validation error detected: Value '{roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
        }

        var sessionName = Required(parameters, "RoleSessionName");
        if (sessionName.Length is < 2 or > 64)
        {
            throw Validation($"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length {(sessionName.Length < 2 ? "greater than or equal to 2" : "less than or equal to 64")}");
        }

        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw Validation($"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }

        var duration = parameters.GetInt32("DurationSeconds") ?? DefaultDurationSeconds;
        if (duration < MinimumDurationSeconds)
        {
            throw Validation($"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to {MinimumDurationSeconds}");
        }

        // Session policies would narrow the session; applying none would grant more than AWS does, so refuse them.
        foreach (var narrowing in new[] { "Policy", "PolicyArns.member.1.arn" })
        {
            if (parameters.Contains(narrowing))
            {
                throw new LocalServiceException("InvalidParameterValue", "The local region does not apply session policies (Policy, PolicyArns): assume the role without them.");
            }
        }

        return (roleArn, sessionName, duration);
    }

    private static string Required(AwsQueryParameters parameters, string name) =>
        parameters.Get(name) is { Length: > 0 } value
            ? value
            : throw Validation($"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    private static LocalServiceException Validation(string message) => new("ValidationError", message);

    private static LocalServiceException InvalidIdentityToken(string message) => new("InvalidIdentityToken", message);

    [GeneratedRegex(@"^[\w+=,.@-]*$", RegexOptions.None, 1000)]
    private static partial Regex SessionNamePattern();
}
