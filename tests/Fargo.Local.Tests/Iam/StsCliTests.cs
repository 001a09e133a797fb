using System.Text.Json;
using Fargo.Local.Tests.Support;
using Fargo.Tests;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// STS's role assumptions through the official AWS CLI: AssumeRole from the local credentials and from a role session
/// (role chaining), checked against the role's trust policy; AssumeRoleWithWebIdentity with a token of
/// `fargo local oidc-token`, checked against the account's OIDC provider and the trust policy's conditions on the
/// token's claims, as the deploy roles of `fargo infra up --oidc` spell them. The credentials act as the role.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class StsCliTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Deployer = "arn:aws:iam::000000000000:role/sts-deployer";
    private const string Reader = "arn:aws:iam::000000000000:role/sts-reader";
    private const string TaskOnly = "arn:aws:iam::000000000000:role/sts-task-only";
    private const string GitHub = "arn:aws:iam::000000000000:role/ci/sts-github";
    private const string Subject = "repo:acme/todo-api:environment:prod";

    private const string Template = """
        Resources:
          Provider:
            Type: AWS::IAM::OIDCProvider
            Properties:
              Url: https://token.actions.githubusercontent.com
              ClientIdList: [sts.amazonaws.com]
              ThumbprintList: [6938fd4d98bab03faadb97b34396831e3780aea1]
          DeployerRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: sts-deployer
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { AWS: arn:aws:iam::000000000000:root }, Action: sts:AssumeRole }
              Policies:
                - PolicyName: deployer
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: sts:AssumeRole, Resource: arn:aws:iam::000000000000:role/sts-reader }
                      - { Effect: Allow, Action: ssm:GetParameter, Resource: arn:aws:ssm:local:000000000000:parameter/sts/allowed }
          ReaderRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: sts-reader
              # As the read roles of the deploy access stacks: the account, on the condition of the one role's ARN.
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::000000000000:root }
                    Action: sts:AssumeRole
                    Condition: { ArnEquals: { "aws:PrincipalArn": arn:aws:iam::000000000000:role/sts-deployer } }
          TaskOnlyRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: sts-task-only
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }
          GitHubRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: sts-github
              Path: /ci/
              MaxSessionDuration: 3600
              # As DeployAccessStack writes the deploy role's trust.
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: !Ref Provider }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringEquals:
                        "token.actions.githubusercontent.com:aud": sts.amazonaws.com
                        "token.actions.githubusercontent.com:sub": repo:acme/todo-api:environment:prod
              Policies:
                - PolicyName: github
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: ssm:GetParameter, Resource: arn:aws:ssm:local:000000000000:parameter/sts/allowed }
        """;

    [Fact]
    public async Task AssumeRole_checks_the_trust_policy_and_hands_out_credentials_that_act_as_the_role()
    {
        await DeployAsync();

        var assumed = await Aws(null, "sts", "assume-role", "--role-arn", Deployer, "--role-session-name", "release-7");
        var credentials = assumed.GetProperty("Credentials");
        Assert.StartsWith("ASIA", Text(credentials, "AccessKeyId"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Text(credentials, "SessionToken")));
        var expiration = credentials.GetProperty("Expiration").GetDateTimeOffset();
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/sts-deployer/release-7", Text(assumed.GetProperty("AssumedRoleUser"), "Arn"));

        var identity = await Aws(credentials, "sts", "get-caller-identity");
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/sts-deployer/release-7", Text(identity, "Arn"));
        Assert.Equal(Text(assumed.GetProperty("AssumedRoleUser"), "AssumedRoleId"), Text(identity, "UserId"));

        // The session acts as the role: what its policy grants, and nothing else.
        Assert.Equal("green", Text((await Aws(credentials, "ssm", "get-parameter", "--name", "/sts/allowed")).GetProperty("Parameter"), "Value"));
        var refused = await AwsFails(credentials, "ssm", "get-parameter", "--name", "/sts/other");
        Says("(AccessDeniedException) when calling the GetParameter operation: User: arn:aws:sts::000000000000:assumed-role/sts-deployer/release-7 is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:local:000000000000:parameter/sts/other because no identity-based policy allows the ssm:GetParameter action", refused);

        // Role chaining: the reader trusts the deployer's role only, and a chained session lasts an hour at most.
        var chained = await Aws(credentials, "sts", "assume-role", "--role-arn", Reader, "--role-session-name", "promote");
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/sts-reader/promote", Text(chained.GetProperty("AssumedRoleUser"), "Arn"));
        Says(
            "(ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
            await AwsFails(credentials, "sts", "assume-role", "--role-arn", Reader, "--role-session-name", "promote", "--duration-seconds", "7200"));
        Says(
            "(AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::000000000000:assumed-role/sts-reader/promote is not authorized to perform: sts:AssumeRole on resource: " + Deployer,
            await AwsFails(chained.GetProperty("Credentials"), "sts", "assume-role", "--role-arn", Deployer, "--role-session-name", "back"));

        // The local credentials are the account's: refused where the trust policy names another principal or a condition fails.
        foreach (var role in new[] { Reader, TaskOnly, "arn:aws:iam::000000000000:role/no-such-role" })
        {
            Says(
                $"(AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: {role}",
                await AwsFails(null, "sts", "assume-role", "--role-arn", role, "--role-session-name", "local"));
        }

        Says(
            "(ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
            await AwsFails(null, "sts", "assume-role", "--role-arn", Deployer, "--role-session-name", "long", "--duration-seconds", "7200"));
        // (A DurationSeconds under 900 the CLI refuses itself, before asking.)
        var shortSession = await Aws(null, "sts", "assume-role", "--role-arn", Deployer, "--role-session-name", "short", "--duration-seconds", "900");
        Assert.InRange(shortSession.GetProperty("Credentials").GetProperty("Expiration").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_accepts_a_local_oidc_token_for_the_subject_the_trust_policy_names()
    {
        await DeployAsync();

        var assumed = await Aws(null, "sts", "assume-role-with-web-identity", "--role-arn", GitHub, "--role-session-name", "gh-run-42",
            "--web-identity-token", await TokenAsync("--sub", Subject));
        Assert.Equal((Subject, "https://token.actions.githubusercontent.com", "sts.amazonaws.com"),
            (Text(assumed, "SubjectFromWebIdentityToken"), Text(assumed, "Provider"), Text(assumed, "Audience")));
        var credentials = assumed.GetProperty("Credentials");
        Assert.StartsWith("ASIA", Text(credentials, "AccessKeyId"), StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/sts-github/gh-run-42", Text(await Aws(credentials, "sts", "get-caller-identity"), "Arn"));
        Assert.Equal("green", Text((await Aws(credentials, "ssm", "get-parameter", "--name", "/sts/allowed")).GetProperty("Parameter"), "Value"));

        async Task<string> Refusal(string token) =>
            await AwsFails(null, "sts", "assume-role-with-web-identity", "--role-arn", GitHub, "--role-session-name", "gh", "--web-identity-token", token);

        Says("(AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity",
            await Refusal(await TokenAsync("--sub", "repo:acme/todo-api:environment:qa")));
        Says("(InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience",
            await Refusal(await TokenAsync("--sub", Subject, "--aud", "sigstore")));
        Says("(InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for https://oidc.example.com",
            await Refusal(await TokenAsync("--sub", Subject, "--issuer", "https://oidc.example.com")));

        // A token whose claims were changed after signing (another subject) does not verify.
        var parts = (await TokenAsync("--sub", "repo:acme/todo-api:environment:qa")).Split('.');
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/')))).Replace("environment:qa", "environment:prod", StringComparison.Ordinal)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Says("(InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: The web identity token that was passed could not be validated by AWS",
            await Refusal($"{parts[0]}.{forged}.{parts[2]}"));

        // The provider is IAM's: its URL without the scheme, its audiences and thumbprints.
        const string ProviderArn = "arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com";
        Assert.Equal([ProviderArn], (await Aws(null, "iam", "list-open-id-connect-providers")).GetProperty("OpenIDConnectProviderList").EnumerateArray().Select(p => Text(p, "Arn")));
        var provider = await Aws(null, "iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", ProviderArn);
        Assert.Equal(("token.actions.githubusercontent.com", "sts.amazonaws.com", "6938fd4d98bab03faadb97b34396831e3780aea1"),
            (Text(provider, "Url"), provider.GetProperty("ClientIDList")[0].GetString(), provider.GetProperty("ThumbprintList")[0].GetString()));

        // The issuer publishes its keys as an identity provider does.
        using var http = new HttpClient();
        var keys = JsonDocument.Parse(await http.GetStringAsync(new Uri(engine.Region.Endpoint, "/_fargo/oidc/jwks"))).RootElement.GetProperty("keys");
        Assert.Equal(("RSA", "RS256"), (Text(keys[0], "kty"), Text(keys[0], "alg")));
        Assert.Equal(Text(keys[0], "kid"), Text(JsonDocument.Parse(Convert.FromBase64String(Pad(parts[0].Replace('-', '+').Replace('_', '/')))).RootElement, "kid"));
    }

    [Fact]
    public async Task The_deploy_role_infra_up_oidc_generates_takes_a_local_token_for_its_GitHub_environment_only()
    {
        // The provider exists (the roles above made it), as in an account where another stack made it first:
        // `fargo infra up --oidc --existing-oidc-provider` deploys the same template with CreateOidcProvider=false.
        await DeployAsync();
        var template = RepositoryRoot.Combine("tests", "Fargo.Infrastructure.Tests", "Snapshots", "prod-access", "fargo-prod-todo-api-deploy-access.template.json");
        var deployed = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", "fargo-prod-todo-api-deploy-access", "--template-file", template,
            "--capabilities", "CAPABILITY_NAMED_IAM", "--parameter-overrides", "CreateOidcProvider=false", "--no-fail-on-empty-changeset");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        // The example's [iam] path puts the role under /delegatedadmin/developer/: its ARN has the path, its sessions' do not.
        const string DeployRole = "arn:aws:iam::000000000000:role/delegatedadmin/developer/todo-api-prod-deploy";

        var assumed = await Aws(null, "sts", "assume-role-with-web-identity", "--role-arn", DeployRole, "--role-session-name", "GitHubActions",
            "--web-identity-token", await TokenAsync("--sub", "repo:acme/todo-api:environment:production"));
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/todo-api-prod-deploy/GitHubActions",
            Text(await Aws(assumed.GetProperty("Credentials"), "sts", "get-caller-identity"), "Arn"));

        foreach (var subject in new[] { "repo:acme/todo-api:environment:staging", "repo:acme/todo-api:ref:refs/heads/main", "repo:other/todo-api:environment:production" })
        {
            Says("(AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity",
                await AwsFails(null, "sts", "assume-role-with-web-identity", "--role-arn", DeployRole, "--role-session-name", "GitHubActions",
                    "--web-identity-token", await TokenAsync("--sub", subject)));
        }
    }

    private async Task DeployAsync()
    {
        await RoleTasks.DeployAsync(engine, "sts-roles", Template);
        foreach (var (name, value) in new[] { ("/sts/allowed", "green"), ("/sts/other", "red") })
        {
            var put = await engine.AwsAsync("ssm", "put-parameter", "--name", name, "--value", value, "--type", "String", "--overwrite");
            Assert.True(put.ExitCode == 0, put.ToString());
        }
    }

    private async Task<string> TokenAsync(params string[] options)
    {
        var result = await engine.FargoAsync(["local", "oidc-token", .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out.Trim();
    }

    private Task<ProcessResult> Run(JsonElement? credentials, string[] args) =>
        credentials is { } c
            ? AwsCli.RunWithSessionAsync(engine.Region.Endpoint, Text(c, "AccessKeyId"), Text(c, "SecretAccessKey"), Text(c, "SessionToken"), engine.WorkDirectory, args)
            : engine.AwsAsync(args);

    private async Task<JsonElement> Aws(JsonElement? credentials, params string[] args)
    {
        var result = await Run(credentials, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json();
    }

    private async Task<string> AwsFails(JsonElement? credentials, params string[] args)
    {
        var result = await Run(credentials, args);
        Assert.True(result.ExitCode != 0, result.ToString());
        return result.Error;
    }

    /// <summary>The CLI's "(CODE) when calling the OPERATION operation: MESSAGE", whatever it says about retries in between.</summary>
    private static void Says(string expected, string actual)
    {
        var split = expected.IndexOf(" operation: ", StringComparison.Ordinal);
        var (call, message) = split < 0 ? (expected, "") : (expected[..(split + " operation".Length)], expected[(split + " operation".Length)..]);
        Assert.True(actual.Contains(call, StringComparison.Ordinal) && actual.Contains(message, StringComparison.Ordinal), $"Expected to find:\n{expected}\nin:\n{actual}");
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
