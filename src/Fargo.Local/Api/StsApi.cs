using Fargo.Aws;
using Fargo.Aws.Sts;
using Fargo.Local.Sts;

namespace Fargo.Local.Api;

/// <summary>
/// STS: who is calling (a role session by its assumed-role ARN, else the account's root), and the role assumptions —
/// AssumeRole from the local credentials or a role session, AssumeRoleWithWebIdentity with a token of the local OIDC
/// issuer — checked against the role's trust policy (<see cref="RoleAssumption"/>).
/// </summary>
internal static class StsApi
{
    public static QueryOperationTable Create(RoleSessions sessions, RoleAssumption assumption) =>
        new QueryOperationTable(AwsServices.Sts)
            .AddForCaller("GetCallerIdentity", StsJsonContext.Default.GetCallerIdentityResponse, (_, caller) =>
                caller is not null && sessions.Caller(caller) is { } role
                    ? new GetCallerIdentityResponse { UserId = role.UserId, Account = role.Account, Arn = role.Arn }
                    : new GetCallerIdentityResponse
                    {
                        UserId = LocalRegionConstants.Account,
                        Account = LocalRegionConstants.Account,
                        Arn = $"arn:{LocalRegionConstants.Partition}:iam::{LocalRegionConstants.Account}:root",
                    })
            .AddForCaller("AssumeRole", StsShapesJsonContext.Default.AssumeRoleResult, (parameters, caller) => assumption.AssumeRole(caller, parameters))
            .Add("AssumeRoleWithWebIdentity", StsShapesJsonContext.Default.AssumeRoleWithWebIdentityResult, assumption.AssumeRoleWithWebIdentity);
}
