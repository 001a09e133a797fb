using Fargo.Aws.Sts;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class StsCases
{
    public static IEnumerable<CliCase> All()
    {
        yield return new CliCase<GetCallerIdentityRequest, GetCallerIdentityResponse>(
            AwsServices.Sts, "sts", "GetCallerIdentity", new GetCallerIdentityRequest(),
            StsJsonContext.Default.GetCallerIdentityRequest, StsJsonContext.Default.GetCallerIdentityResponse,
            (http, r, ct) => new StsClient(http).GetCallerIdentityAsync(r, ct),
            Canned.Query(AwsServices.Sts, "GetCallerIdentity", """
                <Arn>arn:aws:sts::123456789012:assumed-role/deployer/ci-session</Arn>
                <UserId>AROA3XFRBF535PLBIFPI4:ci-session</UserId>
                <Account>123456789012</Account>
                """),
            []);
    }
}
